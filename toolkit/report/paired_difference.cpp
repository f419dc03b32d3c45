#include "toolkit/report/paired_difference.h"

#include <cmath>
#include <vector>

#include "toolkit/report/seed_statistics.h"

namespace jetstudy::report {

std::optional<PairedDifference> paired_difference(const std::map<std::int64_t, double>& variant,
                                                  const std::map<std::int64_t, double>& reference) {
  std::vector<double> differences;
  for (const auto& [seed, value] : variant) {
    const auto found = reference.find(seed);
    if (found != reference.end()) differences.push_back(value - found->second);
  }
  if (differences.empty()) return std::nullopt;
  PairedDifference result;
  result.pairs = differences.size();
  double sum = 0.0;
  for (double d : differences) sum += d;
  result.mean = sum / static_cast<double>(differences.size());
  if (differences.size() >= 2)
    result.standard_error = sample_standard_deviation(differences) / std::sqrt(static_cast<double>(differences.size()));
  return result;
}

}  // namespace jetstudy::report
