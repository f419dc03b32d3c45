// Paired differences between two configurations trained on the same seeds: the seed fixes initialisation and batch
// order, so variant - reference per seed cancels part of the seed-to-seed noise that separate medians keep. Reported
// as the mean difference and its standard error, sd(differences) / sqrt(n).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace jetstudy::report {

struct PairedDifference {
  std::string configuration;  // the variant
  std::string reference;
  std::string metric;
  std::size_t pairs = 0;      // seeds both have a value for
  double mean = 0.0;          // mean of (variant - reference) over those seeds
  std::optional<double> standard_error;  // absent for a single pair
};

// The difference over the seeds both maps hold; nullopt when they share none.
std::optional<PairedDifference> paired_difference(const std::map<std::int64_t, double>& variant,
                                                  const std::map<std::int64_t, double>& reference);

}  // namespace jetstudy::report
