// Class balancing: a split keeps as many signal as background jets by dropping the surplus of the larger class
// (the last ones in split order, which is already shuffled), so the result is deterministic.
#pragma once

#include <cstdint>

#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// Drops jets of the more frequent class until both classes have min(signal, background) jets; keeps the order
// of the jets that stay. Returns how many jets were dropped.
std::int64_t balance_classes(Split& split, std::int64_t image_size);

}  // namespace jetstudy::data
