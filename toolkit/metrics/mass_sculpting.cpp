#include "toolkit/metrics/mass_sculpting.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/metrics/histogram.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/metrics/sample_checks.h"

namespace jetstudy::metrics {

MassSculpting mass_sculpting(const std::vector<double>& scores, const std::vector<double>& labels,
                             const std::vector<double>& mass, const std::vector<double>& weights,
                             const SculptingOptions& options) {
  const double target = options.signal_efficiency;
  if (!(target > 0 && target <= 1)) {
    throw core::InputError("mass sculpting: the signal efficiency of the cut must be in (0, 1], got " +
                           std::to_string(target));
  }
  check_observer(mass, scores.size(), "mass");

  MassSculpting result;
  result.edges = uniform_edges(options.bins, options.low, options.high);

  // The cut: the first ROC point (loosest cut from the top) whose eps_S reaches the target. The tolerance keeps
  // a point that lands on the target up to rounding of the weighted sums.
  const auto curve = roc_curve(scores, labels, weights);
  const auto reached = std::lower_bound(curve.eps_s.begin(), curve.eps_s.end(), target - 1e-12);
  const auto point = static_cast<std::size_t>(reached - curve.eps_s.begin());
  JETSTUDY_CHECK(point >= 1 && point < curve.eps_s.size(), "a ROC curve runs from eps_S = 0 to 1");
  result.threshold = curve.thresholds[point];
  result.signal_efficiency = curve.eps_s[point];
  result.eps_b = curve.eps_b[point];
  result.rejection = result.eps_b > 0 ? 1 / result.eps_b : std::numeric_limits<double>::infinity();

  std::vector<double> before(options.bins, 0), after(options.bins, 0);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (labels[i] != 0.0) continue;
    const auto bin = bin_index(result.edges, mass[i]);
    if (!bin) continue;
    before[*bin] += weight_of(weights, i);
    if (scores[i] >= result.threshold) after[*bin] += weight_of(weights, i);
  }
  double before_total = 0, after_total = 0;
  for (std::size_t b = 0; b < options.bins; ++b) {
    before_total += before[b];
    after_total += after[b];
  }
  if (!(before_total > 0)) {
    throw core::InputError("mass sculpting: no background jet (with weight > 0) has its mass in [" +
                           std::to_string(options.low) + ", " + std::to_string(options.high) +
                           "]; widen the range");
  }
  result.before = normalised(before);
  result.after = normalised(after);
  result.jsd = after_total > 0 ? jensen_shannon_divergence(result.before, result.after)
                               : std::numeric_limits<double>::quiet_NaN();
  return result;
}

}  // namespace jetstudy::metrics
