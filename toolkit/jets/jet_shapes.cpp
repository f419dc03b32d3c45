#include "toolkit/jets/jet_shapes.h"

#include <cmath>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/jets/angles.h"
#include "toolkit/jets/substructure_parts.h"

namespace jetstudy::jets {

double jet_charge(const Jet& jet, double kappa) {
  if (!std::isfinite(kappa) || kappa <= 0) {
    throw core::InputError("jet charge: kappa must be > 0 (got " + std::to_string(kappa) + ")");
  }
  if (!(jet.pt > 0)) return 0;
  double sum = 0;
  for (const Constituent& c : jet.constituents) {
    if (c.charge != 0) sum += c.charge * std::pow(c.pt, kappa);
  }
  return sum / std::pow(jet.pt, kappa);
}

double jet_width(const Jet& jet) { return jet_width(jet, make_constituent_view(jet)); }

double jet_width(const Jet& jet, const ConstituentView& view) {
  if (!(jet.pt > 0)) return 0;
  const double y = rapidity_of(jet);
  double sum = 0;
  for (std::size_t i = 0; i < view.size(); ++i) {
    const double dy = view.y[i] - y, dphi = delta_phi(view.phi[i], jet.phi);
    sum += view.pt[i] * std::sqrt(dy * dy + dphi * dphi);
  }
  return sum / jet.pt;
}

double jet_ptd(const Jet& jet) {
  double sum = 0, sum_squares = 0;
  for (const Constituent& c : jet.constituents) {
    sum += c.pt;
    sum_squares += c.pt * c.pt;
  }
  return sum > 0 ? std::sqrt(sum_squares) / sum : 0.0;
}

}  // namespace jetstudy::jets
