#include "toolkit/jets/pseudojets.h"

#include <algorithm>
#include <cmath>

namespace jetstudy::jets {

double mass_of(const fastjet::PseudoJet& jet) {
  const double m2 = jet.m2();
  return m2 > 0 ? std::sqrt(m2) : 0.0;
}

Subjet to_subjet(const fastjet::PseudoJet& jet) {
  return {jet.pt(), jet.pseudorapidity(), jet.phi_std(), mass_of(jet)};
}

std::vector<Subjet> to_subjets(const std::vector<KtPiece>& pieces) {
  std::vector<fastjet::PseudoJet> jets;
  jets.reserve(pieces.size());
  for (const KtPiece& piece : pieces) jets.emplace_back(piece.px, piece.py, piece.pz, piece.e);
  std::stable_sort(jets.begin(), jets.end(),
                   [](const fastjet::PseudoJet& a, const fastjet::PseudoJet& b) { return a.kt2() > b.kt2(); });
  std::vector<Subjet> subjets;
  subjets.reserve(jets.size());
  for (const fastjet::PseudoJet& jet : jets) subjets.push_back(to_subjet(jet));
  return subjets;
}

ConstituentView view_of(const std::vector<fastjet::PseudoJet>& particles) {
  ConstituentView view;
  const std::size_t n = particles.size();
  for (auto* column : {&view.pt, &view.y, &view.phi, &view.px, &view.py, &view.pz, &view.e}) column->resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const fastjet::PseudoJet& p = particles[i];
    view.pt[i] = p.pt();
    view.y[i] = p.rap();
    view.phi[i] = p.phi_std();
    view.px[i] = p.px();
    view.py[i] = p.py();
    view.pz[i] = p.pz();
    view.e[i] = p.e();
    view.pt_sum += view.pt[i];
  }
  return view;
}

}  // namespace jetstudy::jets
