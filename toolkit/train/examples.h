// Labelled images as tensors for training and prediction. The tensors may view memory owned by a
// data::Split (no copy); the Split must outlive them.
#pragma once

#include <torch/torch.h>

#include "toolkit/data/jet_dataset.h"

namespace jetstudy::train {

struct Examples {
  torch::Tensor images;  // [N, C, H, W] float32, CPU
  torch::Tensor labels;  // [N] float32 in {0, 1}, CPU
  std::int64_t size() const { return labels.size(0); }
};

// A view of the split's images and labels (no copy).
Examples view_examples(data::Split& split, const data::ImageShape& shape);

}  // namespace jetstudy::train
