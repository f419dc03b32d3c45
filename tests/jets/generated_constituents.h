// Test helper: the constituents of the leading anti-kT R = 1.0 jet of generator events, clustered by FastJet
// directly, each PseudoJet's user_index its position in the list (what the lean kT clustering reports as members).
#pragma once

#include <vector>

#include <fastjet/ClusterSequence.hh>

#include "toolkit/events/generator/generator.h"

namespace testing {

inline std::vector<std::vector<fastjet::PseudoJet>> leading_jet_constituents(
    jetstudy::events::generator::Process process, int events, unsigned seed) {
  jetstudy::events::generator::GeneratorOptions options;
  options.process = process;
  options.pt_min_gev = 350;
  options.pt_max_gev = 450;
  options.seed = seed;
  jetstudy::events::generator::Generator generator(options);
  fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);
  const fastjet::JetDefinition anti_kt(fastjet::antikt_algorithm, 1.0);
  std::vector<std::vector<fastjet::PseudoJet>> out;
  for (int i = 0; i < events; ++i) {
    const jetstudy::events::Event event = generator.next();
    std::vector<fastjet::PseudoJet> particles;
    for (const auto& p : event.particles) particles.emplace_back(p.px, p.py, p.pz, p.e);
    const fastjet::ClusterSequence sequence(particles, anti_kt);
    const auto jets = fastjet::sorted_by_pt(sequence.inclusive_jets(100.0));
    if (jets.empty()) continue;
    // Plain four-vectors: the sequence they came from ends with this scope.
    std::vector<fastjet::PseudoJet> constituents;
    for (const fastjet::PseudoJet& c : jets.front().constituents()) {
      constituents.emplace_back(c.px(), c.py(), c.pz(), c.e());
      constituents.back().set_user_index(static_cast<int>(constituents.size() - 1));
    }
    out.push_back(std::move(constituents));
  }
  return out;
}

}  // namespace testing
