#include "toolkit/report/seed_statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "toolkit/core/error.h"

namespace jetstudy::report {

double median(std::vector<double> values) {
  JETSTUDY_CHECK(!values.empty(), "median of no values");
  const std::size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + middle, values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + middle);
  return 0.5 * (lower + upper);
}

double sample_standard_deviation(const std::vector<double>& values) {
  JETSTUDY_CHECK(values.size() >= 2, "a sample standard deviation needs at least two values");
  const double n = static_cast<double>(values.size());
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double sum_of_squares = 0.0;
  for (double value : values) sum_of_squares += (value - mean) * (value - mean);
  return std::sqrt(sum_of_squares / (n - 1.0));
}

SeedSummary summarize_seeds(const std::vector<double>& values) {
  SeedSummary summary;
  summary.count = values.size();
  summary.median = median(values);
  if (values.size() >= 2) summary.spread = sample_standard_deviation(values);
  return summary;
}

}  // namespace jetstudy::report
