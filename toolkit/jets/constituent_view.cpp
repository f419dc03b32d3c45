#include "toolkit/jets/constituent_view.h"

#include <cmath>

namespace jetstudy::jets {

ConstituentView make_constituent_view(const Jet& jet) {
  ConstituentView view;
  const std::size_t n = jet.constituents.size();
  for (auto* column : {&view.pt, &view.y, &view.phi, &view.px, &view.py, &view.pz, &view.e}) column->resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Constituent& c = jet.constituents[i];
    const double pz = c.pt * std::sinh(c.eta);
    view.pt[i] = c.pt;
    view.phi[i] = c.phi;
    view.px[i] = c.pt * std::cos(c.phi);
    view.py[i] = c.pt * std::sin(c.phi);
    view.pz[i] = pz;
    view.e[i] = c.e;
    // Rapidity; where rounding leaves E <= |pz| (massless, very forward) the pseudorapidity is the rapidity.
    view.y[i] = c.e > std::abs(pz) ? 0.5 * std::log((c.e + pz) / (c.e - pz)) : c.eta;
    view.pt_sum += c.pt;
  }
  return view;
}

}  // namespace jetstudy::jets
