// Statistics over the seeds of one configuration: runs that differ only in their random seed are repeated
// measurements of one number, summarised by the median (robust to one unlucky seed) and the spread (sample
// standard deviation, n - 1 in the denominator).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace jetstudy::report {

// The median: the middle value, or the mean of the two middle values for an even count. Needs >= 1 value.
double median(std::vector<double> values);

// sqrt( sum (x - mean)^2 / (n - 1) ). Needs >= 2 values.
double sample_standard_deviation(const std::vector<double>& values);

struct SeedSummary {
  std::size_t count = 0;
  double median = 0.0;
  std::optional<double> spread;  // sample standard deviation; absent for a single seed
};

// Median and spread of `values` (at least one).
SeedSummary summarize_seeds(const std::vector<double>& values);

}  // namespace jetstudy::report
