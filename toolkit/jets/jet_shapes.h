// Simple jet shapes from the constituents, dR_i measured from the jet axis in (y, phi):
//   jet charge  Q_kappa = sum_i q_i pT_i^kappa / pT_J^kappa      (Krohn, Lin, Schwartz, Waalewijn, arXiv:1209.2421)
//   width       w = sum_i pT_i dR_i / pT_J   (girth; e.g. Gallicchio, Schwartz, arXiv:1106.3076)
//   pT_D        sqrt(sum_i pT_i^2) / sum_i pT_i                   (CMS, CMS-PAS-JME-13-002)
// pT_J is the jet's pT. A jet without constituents (or pT_J = 0) gives 0 for each.
#pragma once

#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

double jet_charge(const Jet& jet, double kappa);  // kappa > 0, else core::InputError
double jet_width(const Jet& jet);
double jet_ptd(const Jet& jet);

}  // namespace jetstudy::jets
