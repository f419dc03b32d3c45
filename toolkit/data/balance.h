// Class balancing: a split keeps as many jets of each class as its least frequent class has, by dropping the
// surplus of the others (the last ones in split order, which is already shuffled), so the result is
// deterministic. Binary (signal / background) or K classes (labels 0..K-1).
#pragma once

#include <cstdint>

#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// Drops jets of the more frequent classes until every class 0..classes-1 has as many jets as the least
// frequent (a class absent from the split leaves none); keeps the order of the jets that stay. `image_size`
// is C*H*W of the jet images (event images follow their own size). Returns how many jets were dropped.
std::int64_t balance_classes(Split& split, std::int64_t image_size, std::int64_t classes = 2);

}  // namespace jetstudy::data
