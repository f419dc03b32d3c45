#include "toolkit/train/examples.h"

#include "toolkit/core/error.h"

namespace jetstudy::train {

Examples view_examples(data::Split& split, const data::ImageShape& shape) {
  const std::int64_t n = split.size;
  JETSTUDY_CHECK(static_cast<std::int64_t>(split.labels.size()) == n, "labels and split size disagree");
  JETSTUDY_CHECK(static_cast<std::int64_t>(split.images.size()) == n * shape.channels * shape.height * shape.width,
                 "images and split size disagree");
  const auto options = torch::TensorOptions().dtype(torch::kFloat32);
  return Examples{torch::from_blob(split.images.data(), {n, shape.channels, shape.height, shape.width}, options),
                  torch::from_blob(split.labels.data(), {n}, options)};
}

}  // namespace jetstudy::train
