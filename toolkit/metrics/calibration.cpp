#include "toolkit/metrics/calibration.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/metrics/sample_checks.h"

namespace jetstudy::metrics {

Calibration calibration(const std::vector<double>& scores, const std::vector<double>& labels,
                        const std::vector<double>& weights, std::size_t bins) {
  check_sample(scores, labels, weights);
  if (bins == 0) throw core::InputError("calibration: needs at least one bin of the score");
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (scores[i] < 0 || scores[i] > 1) {
      throw core::InputError("calibration: scores must be probabilities in [0, 1] (apply the sigmoid to logits "
                             "first); jet " + std::to_string(i) + " has " + std::to_string(scores[i]));
    }
  }

  Calibration result;
  result.bins.resize(bins);
  std::vector<double> score_sum(bins, 0), signal_sum(bins, 0);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const auto b = std::min(bins - 1, static_cast<std::size_t>(scores[i] * static_cast<double>(bins)));
    const double w = weight_of(weights, i);
    result.bins[b].weight += w;
    score_sum[b] += w * scores[i];
    signal_sum[b] += w * labels[i];
  }

  double total = 0;
  for (const auto& bin : result.bins) total += bin.weight;
  if (!(total > 0)) throw core::InputError("calibration: needs at least one jet with weight > 0");

  for (std::size_t b = 0; b < bins; ++b) {
    auto& bin = result.bins[b];
    bin.low = static_cast<double>(b) / static_cast<double>(bins);
    bin.high = static_cast<double>(b + 1) / static_cast<double>(bins);
    if (!(bin.weight > 0)) continue;
    bin.mean_score = score_sum[b] / bin.weight;
    bin.signal_fraction = signal_sum[b] / bin.weight;
    result.ece += bin.weight / total * std::abs(bin.mean_score - bin.signal_fraction);
  }
  return result;
}

double expected_calibration_error(const std::vector<double>& scores, const std::vector<double>& labels,
                                  const std::vector<double>& weights, std::size_t bins) {
  return calibration(scores, labels, weights, bins).ece;
}

}  // namespace jetstudy::metrics
