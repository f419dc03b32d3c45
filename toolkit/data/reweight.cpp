#include "toolkit/data/reweight.h"

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::data {

std::int64_t flat_bin(double value, double low, double high, std::int64_t bins) {
  if (!(high > low)) return 0;  // all values equal: one bin holds them
  const auto bin = static_cast<std::int64_t>(std::floor((value - low) / (high - low) * static_cast<double>(bins)));
  return std::clamp<std::int64_t>(bin, 0, bins - 1);
}

std::vector<float> flat_weights(const std::vector<float>& values, const std::vector<float>& labels, double low,
                                double high, std::int64_t bins) {
  JETSTUDY_CHECK(values.size() == labels.size(), "one label per value");
  JETSTUDY_CHECK(bins >= 1, "at least one bin");
  std::vector<float> weights(values.size(), 1.0f);
  const float last_class = labels.empty() ? 1.0f : std::max(1.0f, *std::max_element(labels.begin(), labels.end()));
  for (float label = 0; label <= last_class; ++label) {
    std::vector<std::int64_t> count(static_cast<std::size_t>(bins), 0);
    std::int64_t jets = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (labels[i] != label) continue;
      ++count[static_cast<std::size_t>(flat_bin(values[i], low, high, bins))];
      ++jets;
    }
    const auto filled = std::count_if(count.begin(), count.end(), [](std::int64_t n) { return n > 0; });
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (labels[i] != label) continue;
      const auto n = count[static_cast<std::size_t>(flat_bin(values[i], low, high, bins))];
      weights[i] = static_cast<float>(static_cast<double>(jets) / (static_cast<double>(filled) * static_cast<double>(n)));
    }
  }
  return weights;
}

}  // namespace jetstudy::data
