// Compacting a split to some of its jets: every per-jet array (images, event images, labels, weights,
// observers) keeps the chosen rows, in their order. Shared by class balancing and mass down-sampling.
#pragma once

#include <vector>

#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// Keeps the jets i with keep[i] (keep has split.size entries), in order; returns how many were dropped.
std::int64_t keep_rows(Split& split, const std::vector<char>& keep);

}  // namespace jetstudy::data
