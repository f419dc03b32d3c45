// The substructure families on a prepared ConstituentView, so compute_substructure computes rapidities and
// four-vectors once for all of them (internal to toolkit/jets/; the public functions take a Jet).
#pragma once

#include "toolkit/jets/constituent_view.h"
#include "toolkit/jets/energy_correlation.h"
#include "toolkit/jets/nsubjettiness.h"

namespace jetstudy::jets {

Nsubjettiness nsubjettiness(const ConstituentView& view, NsubjettinessAxes axes, double R0);
// With WTA and with exclusive-kT axes, the same as two calls and cheaper (kt_clustering.h).
struct NsubjettinessBoth {
  Nsubjettiness wta_kt, exclusive_kt;
};
NsubjettinessBoth nsubjettiness_both(const ConstituentView& view, double R0);
EnergyCorrelations energy_correlations(const ConstituentView& view);
double jet_width(const Jet& jet, const ConstituentView& view);

}  // namespace jetstudy::jets
