// ResNeXt-50 (Xie et al., arXiv:1611.05431) adapted to jet images as in the top-tagging landscape
// (arXiv:1902.09914): a ResNet whose 3x3 convolutions are split into `cardinality` parallel groups, with every filter
// count after the first convolution divided by a width factor (4 in the landscape), a stem without max-pool for
// small images, dropout before the dense layer and a final global average pool.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "toolkit/models/input_spec.h"
#include "toolkit/models/network.h"
#include "toolkit/models/resnet.h"
#include "toolkit/recipe/schema.h"

namespace jetstudy::models {

struct ResNeXtOptions {
  // From the validated `model:` block (resnext_options_schema() fills the defaults).
  static ResNeXtOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::int64_t, cardinality) = 32;      // groups of every 3x3 convolution
  TORCH_ARG(std::int64_t, bottleneck_width) = 4;  // filters per group in the first stage (before width_factor)
  TORCH_ARG(std::vector<std::int64_t>, stages) = std::vector<std::int64_t>{3, 4, 6, 3};  // ResNeXt-50
  TORCH_ARG(std::int64_t, width_factor) = 4;      // divides every filter count after the stem
  TORCH_ARG(std::int64_t, stem_filters) = 64;
  TORCH_ARG(std::int64_t, stem_kernel) = 3;
  TORCH_ARG(std::int64_t, stem_stride) = 1;
  TORCH_ARG(bool, stem_pool) = false;
  TORCH_ARG(double, dropout) = 0.0;               // before the dense layer
};

// Stage s (0-based): 3x3 convolutions of cardinality * bottleneck_width * 2^s / width_factor filters in
// `cardinality` groups, 256 * 2^s / width_factor output filters.
class ResNeXtImpl : public NetworkImpl {
 public:
  // Throws core::InputError when the image cannot pass the stride-2 stages, or the widths cannot be grouped.
  ResNeXtImpl(ResNeXtOptions options, const InputSpec& input);
  torch::Tensor forward(const NetworkInput& input) override;
  std::string description() const override;

 private:
  ResNeXtOptions options_;
  InputSpec input_;
  ResidualTower tower_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear head_{nullptr};
};

// The recipe keys of `model: {arch: resnext, ...}`.
recipe::Schema resnext_options_schema();

}  // namespace jetstudy::models
