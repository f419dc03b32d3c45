// Reweighting to a flat distribution, as the W-tagging papers evaluate taggers (e.g. de Oliveira et al.,
// arXiv:1511.05190, flat in jet pT): within each class, a jet in bin b of `bins` equal bins over [low, high]
// gets weight N / (B * n_b), where N is the class's jet count, n_b its count in bin b and B the number of
// non-empty bins. Every non-empty bin then carries the same total weight, and the class's weights sum to N
// (mean weight 1). Values outside [low, high] count in the edge bins.
#pragma once

#include <cstdint>
#include <vector>

namespace jetstudy::data {

// One weight per value; each class (labels 0..K-1: background and signal, or the classes of a multi-class
// dataset) is weighted separately.
std::vector<float> flat_weights(const std::vector<float>& values, const std::vector<float>& labels, double low,
                                double high, std::int64_t bins);

// The bin of `value` among `bins` equal bins over [low, high], clamped to the edge bins.
std::int64_t flat_bin(double value, double low, double high, std::int64_t bins);

}  // namespace jetstudy::data
