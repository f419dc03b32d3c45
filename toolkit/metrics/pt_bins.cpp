#include "toolkit/metrics/pt_bins.h"

#include <cmath>
#include <limits>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/metrics/histogram.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/metrics/sample_checks.h"

namespace jetstudy::metrics {

std::vector<BinPerformance> performance_in_bins(const std::vector<double>& scores, const std::vector<double>& labels,
                                                const std::vector<double>& observer, const std::vector<double>& edges,
                                                const std::vector<double>& weights, double signal_efficiency) {
  check_sample(scores, labels, weights);
  check_observer(observer, scores.size(), "binning observer");
  check_edges(edges, "performance in bins");
  if (!(signal_efficiency > 0 && signal_efficiency <= 1)) {
    throw core::InputError("performance in bins: the signal efficiency must be in (0, 1], got " +
                           std::to_string(signal_efficiency));
  }

  // The jets of each bin, as their own small sample.
  const std::size_t bins = edges.size() - 1;
  std::vector<std::vector<double>> bin_scores(bins), bin_labels(bins), bin_weights(bins);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const auto bin = bin_index(edges, observer[i]);
    if (!bin) continue;
    bin_scores[*bin].push_back(scores[i]);
    bin_labels[*bin].push_back(labels[i]);
    bin_weights[*bin].push_back(weight_of(weights, i));
  }

  std::vector<BinPerformance> result(bins);
  for (std::size_t b = 0; b < bins; ++b) {
    auto& bin = result[b];
    bin.low = edges[b];
    bin.high = edges[b + 1];
    for (std::size_t j = 0; j < bin_scores[b].size(); ++j) {
      const bool signal = bin_labels[b][j] == 1.0;
      (signal ? bin.signal_jets : bin.background_jets) += 1;
      (signal ? bin.signal_weight : bin.background_weight) += bin_weights[b][j];
    }
    if (!(bin.signal_weight > 0 && bin.background_weight > 0)) {
      bin.auc = bin.rejection = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const auto curve = roc_curve(bin_scores[b], bin_labels[b], bin_weights[b]);
    bin.auc = auc(curve);
    bin.rejection = rejection_at(curve, signal_efficiency);
  }
  return result;
}

}  // namespace jetstudy::metrics
