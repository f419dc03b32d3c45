// Checks shared by the metrics on one labelled sample: per-jet scores, labels (1 signal, 0 background),
// optional weights and observers, all of the same length.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace jetstudy::metrics {

// Throws core::InputError for a label other than 0/1, a NaN score or a negative (or NaN) weight, naming the jet.
// Lengths that differ are our own bug (JETSTUDY_CHECK): the caller builds the vectors from one split.
void check_sample(const std::vector<double>& scores, const std::vector<double>& labels,
                  const std::vector<double>& weights);

// Throws core::InputError when `values` (an observer called `name`) has a NaN, naming the jet; checks its length.
void check_observer(const std::vector<double>& values, std::size_t jets, const std::string& name);

// The weight of jet i: 1 when no weights are given.
inline double weight_of(const std::vector<double>& weights, std::size_t i) { return weights.empty() ? 1.0 : weights[i]; }

}  // namespace jetstudy::metrics
