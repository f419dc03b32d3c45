#include "toolkit/jets/substructure.h"

#include "toolkit/jets/energy_correlation.h"
#include "toolkit/jets/jet_shapes.h"
#include "toolkit/jets/nsubjettiness.h"
#include "toolkit/jets/substructure_parts.h"

namespace jetstudy::jets {

Substructure compute_substructure(const Jet& jet, const SubstructureOptions& options) {
  Substructure out;
  out.m = jet.m;
  out.pt = jet.pt;
  out.eta = jet.eta;
  out.phi = jet.phi;
  out.constituents = static_cast<int>(jet.constituents.size());
  out.charge = jet_charge(jet, options.kappa);
  const ConstituentView view = make_constituent_view(jet);
  out.width = jet_width(jet, view);
  out.ptd = jet_ptd(jet);

  const double R0 = options.R0 > 0 ? options.R0 : (jet.R > 0 ? jet.R : 1.0);
  const auto [wta, kt] = nsubjettiness_both(view, R0);
  out.tau_wta = wta.tau;
  out.tau_kt = kt.tau;
  out.tau21 = wta.tau21();
  out.tau32 = wta.tau32();
  out.tau21_kt = kt.tau21();
  out.tau32_kt = kt.tau32();

  const EnergyCorrelations ecf = energy_correlations(view);
  out.c2_beta1 = ecf.beta1.c2();
  out.d2_beta1 = ecf.beta1.d2();
  out.c2_beta2 = ecf.beta2.c2();
  out.d2_beta2 = ecf.beta2.d2();
  return out;
}

}  // namespace jetstudy::jets
