// Test helper: the leading anti-kT R = 1.0 jet (pT > 100 GeV) of generator events at 350-450 GeV, clustered by
// FastJet directly and handed to `visit` while its ClusterSequence is alive (so FastJet tools can groom it).
#pragma once

#include <vector>

#include <fastjet/ClusterSequence.hh>

#include "toolkit/events/generator/generator.h"

namespace testing {

template <class Visit>
void for_each_leading_jet(jetstudy::events::generator::Process process, int events, unsigned seed, Visit visit) {
  jetstudy::events::generator::GeneratorOptions options;
  options.process = process;
  options.pt_min_gev = 350;
  options.pt_max_gev = 450;
  options.seed = seed;
  jetstudy::events::generator::Generator generator(options);
  fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);
  const fastjet::JetDefinition anti_kt(fastjet::antikt_algorithm, 1.0);
  for (int i = 0; i < events; ++i) {
    std::vector<fastjet::PseudoJet> particles;
    for (const auto& p : generator.next().particles) particles.emplace_back(p.px, p.py, p.pz, p.e);
    const fastjet::ClusterSequence sequence(particles, anti_kt);
    const auto jets = fastjet::sorted_by_pt(sequence.inclusive_jets(100.0));
    if (!jets.empty()) visit(jets.front());
  }
}

// The leading jets' constituents, in the order FastJet lists them, each PseudoJet's user_index its position in
// the list (what the lean kT clustering reports as members).
inline std::vector<std::vector<fastjet::PseudoJet>> leading_jet_constituents(
    jetstudy::events::generator::Process process, int events, unsigned seed) {
  std::vector<std::vector<fastjet::PseudoJet>> out;
  for_each_leading_jet(process, events, seed, [&](const fastjet::PseudoJet& jet) {
    // Plain four-vectors: the sequence they came from ends with the event.
    std::vector<fastjet::PseudoJet> constituents;
    for (const fastjet::PseudoJet& c : jet.constituents()) {
      constituents.emplace_back(c.px(), c.py(), c.pz(), c.e());
      constituents.back().set_user_index(static_cast<int>(constituents.size() - 1));
    }
    out.push_back(std::move(constituents));
  });
  return out;
}

}  // namespace testing
