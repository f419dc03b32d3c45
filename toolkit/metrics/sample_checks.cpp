#include "toolkit/metrics/sample_checks.h"

#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::metrics {

void check_sample(const std::vector<double>& scores, const std::vector<double>& labels,
                  const std::vector<double>& weights) {
  JETSTUDY_CHECK(scores.size() == labels.size(), "scores and labels must have the same length");
  JETSTUDY_CHECK(weights.empty() || weights.size() == scores.size(), "weights must be empty or one per jet");
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] != 0.0 && labels[i] != 1.0) {
      throw core::InputError("metrics: labels must be 0 (background) or 1 (signal), found " +
                             std::to_string(labels[i]) + " at jet " + std::to_string(i));
    }
    if (std::isnan(scores[i])) throw core::InputError("metrics: the score of jet " + std::to_string(i) + " is NaN");
    if (!weights.empty() && !(weights[i] >= 0)) {
      throw core::InputError("metrics: weights must be >= 0, found " + std::to_string(weights[i]) + " at jet " +
                             std::to_string(i));
    }
  }
}

void check_observer(const std::vector<double>& values, std::size_t jets, const std::string& name) {
  JETSTUDY_CHECK(values.size() == jets, "observer '" + name + "' must have one value per jet");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) {
      throw core::InputError("metrics: the observer '" + name + "' of jet " + std::to_string(i) + " is NaN");
    }
  }
}

}  // namespace jetstudy::metrics
