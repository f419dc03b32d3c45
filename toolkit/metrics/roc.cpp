#include "toolkit/metrics/roc.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/metrics/sample_checks.h"

namespace jetstudy::metrics {
namespace {

std::vector<double> to_double(const std::vector<float>& values) { return {values.begin(), values.end()}; }

}  // namespace

RocCurve roc_curve(const std::vector<double>& scores, const std::vector<double>& labels,
                   const std::vector<double>& weights) {
  check_sample(scores, labels, weights);
  auto weight = [&](std::size_t i) { return weight_of(weights, i); };

  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });

  double total_s = 0, total_b = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) (labels[i] == 1.0 ? total_s : total_b) += weight(i);
  if (!(total_s > 0) || !(total_b > 0)) {
    throw core::InputError("metrics: a ROC curve needs signal and background jets (with weight > 0); got signal " +
                           std::to_string(total_s) + ", background " + std::to_string(total_b));
  }

  RocCurve curve;
  curve.eps_s.push_back(0);
  curve.eps_b.push_back(0);
  curve.thresholds.push_back(std::numeric_limits<double>::infinity());
  double passed_s = 0, passed_b = 0;
  for (std::size_t k = 0; k < order.size();) {
    const double cut = scores[order[k]];
    for (; k < order.size() && scores[order[k]] == cut; ++k) {  // all jets tied at this score pass together
      (labels[order[k]] == 1.0 ? passed_s : passed_b) += weight(order[k]);
    }
    curve.eps_s.push_back(std::min(1.0, passed_s / total_s));
    curve.eps_b.push_back(std::min(1.0, passed_b / total_b));
    curve.thresholds.push_back(cut);
  }
  // Summation order can leave the last point a rounding error below 1: it is (1, 1) by definition.
  curve.eps_s.back() = 1;
  curve.eps_b.back() = 1;
  return curve;
}

RocCurve roc_curve(const std::vector<float>& scores, const std::vector<float>& labels,
                   const std::vector<float>& weights) {
  return roc_curve(to_double(scores), to_double(labels), to_double(weights));
}

double auc(const RocCurve& curve) {
  double area = 0;
  for (std::size_t i = 1; i < curve.eps_b.size(); ++i) {
    area += (curve.eps_b[i] - curve.eps_b[i - 1]) * (curve.eps_s[i] + curve.eps_s[i - 1]) / 2;
  }
  return area;
}

double background_efficiency_at(const RocCurve& curve, double eps_s) {
  if (!(eps_s > 0 && eps_s <= 1)) {
    throw core::InputError("metrics: a signal efficiency must be in (0, 1], got " + std::to_string(eps_s));
  }
  // The first point reaching eps_s, and the one before it (eps_s[0] = 0 < eps_s, so i >= 1).
  const auto it = std::lower_bound(curve.eps_s.begin(), curve.eps_s.end(), eps_s);
  JETSTUDY_CHECK(it != curve.eps_s.end(), "a ROC curve ends at eps_s = 1");
  const auto i = static_cast<std::size_t>(it - curve.eps_s.begin());
  JETSTUDY_CHECK(i >= 1, "a ROC curve starts at eps_s = 0");
  const double s0 = curve.eps_s[i - 1], s1 = curve.eps_s[i];
  const double b0 = curve.eps_b[i - 1], b1 = curve.eps_b[i];
  return b0 + (eps_s - s0) / (s1 - s0) * (b1 - b0);
}

double rejection_at(const RocCurve& curve, double eps_s) {
  const double eps_b = background_efficiency_at(curve, eps_s);
  if (eps_b <= 0) return std::numeric_limits<double>::infinity();
  return 1 / eps_b;
}

double sic_max(const RocCurve& curve) {
  double best = 0;
  for (std::size_t i = 0; i < curve.eps_b.size(); ++i) {
    if (curve.eps_b[i] <= 0) continue;
    best = std::max(best, curve.eps_s[i] / std::sqrt(curve.eps_b[i]));
  }
  return best;
}

double accuracy(const std::vector<double>& scores, const std::vector<double>& labels,
                const std::vector<double>& weights) {
  check_sample(scores, labels, weights);
  double correct = 0, total = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const double w = weight_of(weights, i);
    const bool tagged = scores[i] >= 0.5;
    if (tagged == (labels[i] == 1.0)) correct += w;
    total += w;
  }
  if (!(total > 0)) throw core::InputError("metrics: accuracy needs at least one jet with weight > 0");
  return correct / total;
}

nlohmann::json compact_curve(const RocCurve& curve, std::size_t max_points) {
  JETSTUDY_CHECK(max_points >= 2, "a compact curve keeps at least its two ends");
  std::vector<std::size_t> keep;
  if (curve.eps_s.size() <= max_points) {
    keep.resize(curve.eps_s.size());
    std::iota(keep.begin(), keep.end(), 0);
  } else {
    // For max_points - 1 evenly spaced targets in eps_S, the first real point reaching it; then the end (1, 1).
    for (std::size_t k = 0; k + 1 < max_points; ++k) {
      const double target = static_cast<double>(k) / static_cast<double>(max_points - 1);
      const auto it = std::lower_bound(curve.eps_s.begin(), curve.eps_s.end(), target);
      const auto i = std::min(static_cast<std::size_t>(it - curve.eps_s.begin()), curve.eps_s.size() - 1);
      if (keep.empty() || keep.back() != i) keep.push_back(i);
    }
    if (keep.back() != curve.eps_s.size() - 1) keep.push_back(curve.eps_s.size() - 1);
  }
  nlohmann::json eps_s = nlohmann::json::array(), eps_b = nlohmann::json::array();
  for (const auto i : keep) {
    eps_s.push_back(curve.eps_s[i]);
    eps_b.push_back(curve.eps_b[i]);
  }
  return {{"eps_s", eps_s}, {"eps_b", eps_b}};
}

}  // namespace jetstudy::metrics
