#include "toolkit/metrics/beyond_observables.h"

#include <optional>

#include "toolkit/core/error.h"
#include "toolkit/metrics/histogram.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/metrics/sample_checks.h"

namespace jetstudy::metrics {

BeyondObservables beyond_observables(const std::vector<double>& scores, const std::vector<double>& labels,
                                     const std::vector<double>& first, const std::vector<double>& first_edges,
                                     const std::vector<double>& second, const std::vector<double>& second_edges,
                                     const std::vector<double>& weights) {
  check_sample(scores, labels, weights);
  check_observer(first, scores.size(), "first reweighted observable");
  check_observer(second, scores.size(), "second reweighted observable");
  check_edges(first_edges, "beyond observables: the first observable's bins");
  check_edges(second_edges, "beyond observables: the second observable's bins");

  // The flat 2-D bin of each jet, nothing outside the binning.
  const std::size_t second_bins = second_edges.size() - 1;
  const std::size_t bins = (first_edges.size() - 1) * second_bins;
  std::vector<std::optional<std::size_t>> bin_of(scores.size());
  std::vector<double> signal(bins, 0), background(bins, 0);
  double signal_total = 0, background_total = 0;
  BeyondObservables result;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const auto a = bin_index(first_edges, first[i]);
    const auto b = bin_index(second_edges, second[i]);
    if (!a || !b) {
      ++result.jets_outside;
      continue;
    }
    bin_of[i] = *a * second_bins + *b;
    const double w = weight_of(weights, i);
    (labels[i] == 1.0 ? signal[*bin_of[i]] : background[*bin_of[i]]) += w;
    (labels[i] == 1.0 ? signal_total : background_total) += w;
  }

  // Jets inside the binning with their own weights (before) and with the signal reweighted (after).
  std::vector<double> inside(scores.size(), 0);
  result.weights.assign(scores.size(), 0);
  double reweighted_signal = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!bin_of[i]) continue;
    const std::size_t bin = *bin_of[i];
    inside[i] = weight_of(weights, i);
    if (labels[i] == 0.0) {
      result.weights[i] = inside[i];
      continue;
    }
    if (!(background[bin] > 0)) continue;  // signal where no background lives gets weight 0
    result.weights[i] = inside[i] * (background[bin] / signal[bin]) * (signal_total / background_total);
    reweighted_signal += result.weights[i];
  }
  if (!(signal_total > 0 && background_total > 0 && reweighted_signal > 0)) {
    throw core::InputError("beyond observables: signal and background share no bin of the reweighted observables "
                           "(inside the binning: signal weight " + std::to_string(signal_total) +
                           ", background weight " + std::to_string(background_total) + "); widen the bins");
  }
  result.auc_before = auc(roc_curve(scores, labels, inside));
  result.auc_after = auc(roc_curve(scores, labels, result.weights));
  return result;
}

BeyondObservables beyond_observables(const std::vector<double>& scores, const std::vector<double>& labels,
                                     const std::vector<double>& observable, const std::vector<double>& edges,
                                     const std::vector<double>& weights) {
  // A second observable that is 0 for every jet, in one bin.
  return beyond_observables(scores, labels, observable, edges, std::vector<double>(scores.size(), 0.0), {-1, 1},
                            weights);
}

}  // namespace jetstudy::metrics
