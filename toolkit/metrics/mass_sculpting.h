// How much a cut on the classifier sculpts the background's mass distribution, the figure of the decorrelation
// studies (DisCo, arXiv:2001.05310; pivot adversary, arXiv:1611.01046): cut the score where the signal efficiency
// reaches eps_S, histogram the background's observer (the jet mass) before and after the cut, and compare the two
// normalised histograms by their Jensen-Shannon divergence (base-2 logarithms, so 0..1; DisCo plots 1/JSD against
// the rejection 1/eps_B at that cut, R50 at eps_S = 0.5).
#pragma once

#include <cstddef>
#include <vector>

namespace jetstudy::metrics {

struct SculptingOptions {
  double signal_efficiency = 0.5;  // eps_S of the cut, in (0, 1]
  std::size_t bins = 40;           // equal-width bins of the observer in [low, high]
  double low = 0;
  double high = 300;               // GeV for the mass
};

struct MassSculpting {
  double threshold = 0;          // jets with score >= threshold pass: the loosest cut with eps_S >= the one asked
  double signal_efficiency = 0;  // eps_S the cut reaches (the one asked, up to one jet's share in small samples)
  double eps_b = 0;              // background efficiency of the cut
  double rejection = 0;          // 1 / eps_B; +infinity when no background passes
  double jsd = 0;                // JSD(before, after) in [0, 1]; NaN when no background in the range passes
  std::vector<double> edges;     // bins + 1 edges of the observer histograms
  std::vector<double> before;    // background observer distribution, all jets in [low, high], normalised to 1
  std::vector<double> after;     // the same for the background jets passing the cut (all zeros if none)
};

// Labels 1 (signal) / 0 (background), weights empty or one per jet (weighted histograms and efficiencies).
// Background jets with the observer outside [low, high] count in eps_B but stay out of both histograms. Throws
// core::InputError for bad options, labels or weights, and when no background jet falls in [low, high].
MassSculpting mass_sculpting(const std::vector<double>& scores, const std::vector<double>& labels,
                             const std::vector<double>& mass, const std::vector<double>& weights = {},
                             const SculptingOptions& options = {});

}  // namespace jetstudy::metrics
