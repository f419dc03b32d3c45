#include "toolkit/jets/pseudojets.h"

#include <algorithm>
#include <cmath>

namespace jetstudy::jets {

double mass_of(const fastjet::PseudoJet& jet) {
  const double m2 = jet.m2();
  return m2 > 0 ? std::sqrt(m2) : 0.0;
}

double pseudorapidity_of(const fastjet::PseudoJet& jet) {
  return jet.kt2() > 0 ? std::asinh(jet.pz() / jet.pt()) : fastjet::MaxRap;
}

Subjet to_subjet(const fastjet::PseudoJet& jet) {
  return {jet.pt(), pseudorapidity_of(jet), jet.phi_std(), mass_of(jet)};
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

ConstituentView view_of(const std::vector<const fastjet::PseudoJet*>& particles) {
  ConstituentView view;
  const std::size_t n = particles.size();
  for (auto* column : {&view.pt, &view.y, &view.phi, &view.px, &view.py, &view.pz, &view.e}) column->resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const fastjet::PseudoJet& p = *particles[i];
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

ConstituentView view_of(const std::vector<fastjet::PseudoJet>& particles) {
  std::vector<const fastjet::PseudoJet*> pointers;
  pointers.reserve(particles.size());
  for (const fastjet::PseudoJet& p : particles) pointers.push_back(&p);
  return view_of(pointers);
}

std::vector<const fastjet::PseudoJet*> constituents_of(const fastjet::ClusterSequence& sequence,
                                                       const fastjet::PseudoJet& jet) {
  const std::vector<fastjet::ClusterSequence::history_element>& history = sequence.history();
  const std::vector<fastjet::PseudoJet>& jets = sequence.jets();
  std::vector<const fastjet::PseudoJet*> out;
  // Depth first, the first parent before the second, as ClusterSequence::add_constituents recurses. An entry
  // without parents is an input particle, at the same index in jets().
  std::vector<int> pending = {jet.cluster_hist_index()};
  while (!pending.empty()) {
    const int entry = pending.back();
    pending.pop_back();
    const auto& step = history[static_cast<std::size_t>(entry)];
    if (step.parent1 == fastjet::ClusterSequence::InexistentParent) {
      out.push_back(&jets[static_cast<std::size_t>(entry)]);
      continue;
    }
    if (step.parent2 != fastjet::ClusterSequence::BeamJet) pending.push_back(step.parent2);
    pending.push_back(step.parent1);
  }
  return out;
}

}  // namespace jetstudy::jets
