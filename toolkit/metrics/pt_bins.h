// Classifier performance in bins of an observer (usually the jet pT, GeV): AUC and background rejection 1/eps_B at
// a fixed signal efficiency in each bin, with the jets it holds -- how the top-tagging comparisons
// (arXiv:1902.09914) show a tagger's dependence on the jet momentum.
#pragma once

#include <cstddef>
#include <vector>

namespace jetstudy::metrics {

struct BinPerformance {
  double low = 0, high = 0;            // the bin [low, high); the last bin includes its upper edge
  std::size_t signal_jets = 0;         // counts, unweighted
  std::size_t background_jets = 0;
  double signal_weight = 0;            // summed weights (the counts when unweighted)
  double background_weight = 0;
  double auc = 0;                      // NaN when the bin lacks signal or background (of weight > 0)
  double rejection = 0;                // 1/eps_B at the signal efficiency asked; +infinity when eps_B = 0; NaN as auc
};

// One entry per bin of `edges` (at least two, strictly increasing). Jets with the observer outside the edges are
// left out. Weights empty or one per jet. Throws core::InputError for bad edges, labels, weights, or a signal
// efficiency outside (0, 1].
std::vector<BinPerformance> performance_in_bins(const std::vector<double>& scores, const std::vector<double>& labels,
                                                const std::vector<double>& observer, const std::vector<double>& edges,
                                                const std::vector<double>& weights = {},
                                                double signal_efficiency = 0.5);

}  // namespace jetstudy::metrics
