// Down-sampling in an observer (CMS ImageTop-MD, arXiv:2004.08262; the sampling cousin of planing,
// arXiv:1709.10106): per bin of, e.g., the jet mass, every class keeps as many jets as the smallest class has in
// that bin, the surplus dropped at random, so the kept classes have the same distribution of the observer and a
// classifier trained on them cannot use its shape.
#pragma once

#include <cstdint>
#include <string>

#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// Down-samples `split` in its observer `in` over `bins` equal bins of [low, high] (values outside are clamped
// into the edge bins, as flat_bin() does; jets with a non-finite value are dropped). Which jets of a surplus
// class go is drawn from `seed` (deterministic). Labels are class indices 0..classes-1; the order of the kept
// jets is unchanged. Returns how many jets were dropped.
std::int64_t downsample_in_bins(Split& split, const std::string& in, double low, double high, std::int64_t bins,
                                std::int64_t classes, std::uint64_t seed);

}  // namespace jetstudy::data
