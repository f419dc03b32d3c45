// Test helper: boosted W jets from the built-in generator (pT 250-300 GeV, anti-kT R = 1.0 trimmed with
// R_sub = 0.2, f_cut = 0.05), the sample of the review's pixel-mass figure. Made once per test binary.
#pragma once

#include <vector>

#include "toolkit/events/generator/generator.h"
#include "toolkit/jets/jet_finder.h"

namespace jetstudy::images::testing {

inline std::vector<jets::Jet> make_w_jets(int count, double pt_min, double pt_max, std::uint64_t seed) {
  events::generator::GeneratorOptions options;
  options.process = events::generator::Process::w;
  options.pt_min_gev = pt_min;
  options.pt_max_gev = pt_max;
  options.seed = seed;
  events::generator::Generator generator(options);
  jets::JetSpec spec;
  spec.R = 1.0;
  spec.pt_min_gev = 0.5 * pt_min;
  spec.trim = jets::TrimSpec{0.2, 0.05};
  const jets::JetFinder finder(spec);
  std::vector<jets::Jet> sample;
  while (static_cast<int>(sample.size()) < count) {
    auto found = finder.find(generator.next());
    if (!found.empty() && found.front().constituents.size() >= 2) sample.push_back(std::move(found.front()));
  }
  return sample;
}

inline const std::vector<jets::Jet>& w_jets() {
  static const std::vector<jets::Jet> kJets = make_w_jets(300, 250, 300, 11);
  return kJets;
}

}  // namespace jetstudy::images::testing
