#include "toolkit/jets/pseudojets.h"

#include <cmath>

namespace jetstudy::jets {

double mass_of(const fastjet::PseudoJet& jet) {
  const double m2 = jet.m2();
  return m2 > 0 ? std::sqrt(m2) : 0.0;
}

Subjet to_subjet(const fastjet::PseudoJet& jet) {
  return {jet.pt(), jet.pseudorapidity(), jet.phi_std(), mass_of(jet)};
}

std::vector<fastjet::PseudoJet> constituent_pseudojets(const Jet& jet) {
  std::vector<fastjet::PseudoJet> out;
  out.reserve(jet.constituents.size());
  for (std::size_t i = 0; i < jet.constituents.size(); ++i) {
    const Constituent& c = jet.constituents[i];
    fastjet::PseudoJet p(c.pt * std::cos(c.phi), c.pt * std::sin(c.phi), c.pt * std::sinh(c.eta), c.e);
    p.set_user_index(static_cast<int>(i));
    out.push_back(p);
  }
  return out;
}

}  // namespace jetstudy::jets
