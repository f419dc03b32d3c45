// ResNet with bottleneck blocks (He, Zhang, Ren, Sun, arXiv:1512.03385), trained from scratch: the network of the
// CMS Open Data top-tagging study on 224x224 object images. Also the residual tower ResNeXt builds on (resnext.h):
// a ResNeXt is a ResNet whose 3x3 convolutions are split into groups (Xie et al., arXiv:1611.05431).
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "toolkit/models/input_spec.h"
#include "toolkit/models/network.h"
#include "toolkit/recipe/schema.h"

namespace jetstudy::models {

// The shape of a residual tower: a stem convolution, then stages of bottleneck blocks; the first block of every
// stage after the first halves the image (stride 2); a global average pool ends the tower.
struct ResidualTowerOptions {
  TORCH_ARG(std::int64_t, stem_filters) = 64;
  TORCH_ARG(std::int64_t, stem_kernel) = 7;  // padded by kernel/2
  TORCH_ARG(std::int64_t, stem_stride) = 2;
  TORCH_ARG(bool, stem_pool) = true;         // 3x3 max-pool, stride 2, after the stem
  TORCH_ARG(std::vector<std::int64_t>, stages) = std::vector<std::int64_t>{3, 4, 6, 3};  // blocks per stage
  TORCH_ARG(std::vector<std::int64_t>, inner_widths) = std::vector<std::int64_t>{64, 128, 256, 512};  // 3x3 conv
  TORCH_ARG(std::vector<std::int64_t>, output_widths) = std::vector<std::int64_t>{256, 512, 1024, 2048};
  TORCH_ARG(std::int64_t, groups) = 1;       // of the 3x3 convolutions (ResNeXt's cardinality)
};

// 1x1 conv (reduce) -> 3x3 conv (grouped, carries the stride) -> 1x1 conv (expand), each with batch norm, added to
// the input (through a 1x1 conv + batch norm when the shape changes), then ReLU. Convolutions have no bias.
class BottleneckBlockImpl : public torch::nn::Module {
 public:
  BottleneckBlockImpl(std::int64_t in_channels, std::int64_t inner_width, std::int64_t out_channels,
                      std::int64_t stride, std::int64_t groups);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Sequential residual_{nullptr};
  torch::nn::Sequential shortcut_{nullptr};  // empty: identity
};
TORCH_MODULE(BottleneckBlock);

// Stem + stages + global average pool: images [N, C, H, W] -> features [N, output_widths.back()].
class ResidualTowerImpl : public torch::nn::Module {
 public:
  // `name` starts error messages ("resnet50: ..."). Throws core::InputError naming the image shape and the stage
  // when the image would have to be halved below one pixel, or when widths and groups do not match.
  ResidualTowerImpl(const std::string& name, const ResidualTowerOptions& options, const InputSpec& input);
  torch::Tensor forward(const torch::Tensor& images);
  std::int64_t output_width() const { return output_width_; }

 private:
  torch::nn::Sequential stem_{nullptr};
  torch::nn::Sequential stages_{nullptr};
  std::int64_t output_width_ = 0;
};
TORCH_MODULE(ResidualTower);

struct ResNetOptions {
  // From the validated `model:` block (resnet_options_schema() fills the defaults).
  static ResNetOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::vector<std::int64_t>, stages) = std::vector<std::int64_t>{3, 4, 6, 3};  // ResNet-50
  TORCH_ARG(std::int64_t, width_factor) = 1;  // divides every filter count after the stem
  TORCH_ARG(std::int64_t, stem_filters) = 64;
  TORCH_ARG(std::int64_t, stem_kernel) = 7;
  TORCH_ARG(std::int64_t, stem_stride) = 2;
  TORCH_ARG(bool, stem_pool) = true;
  TORCH_ARG(double, dropout) = 0.0;  // before the dense layer
};

// Stage s (0-based) has 3x3 convolutions of 64 * 2^s / width_factor filters and outputs 4 times that; then
// dropout and one dense layer to the logits. Full size on 3 channels with one logit: 23,510,081 parameters.
class ResNetImpl : public NetworkImpl {
 public:
  ResNetImpl(ResNetOptions options, const InputSpec& input);
  torch::Tensor forward(const NetworkInput& input) override;
  std::string description() const override;

 private:
  ResNetOptions options_;
  InputSpec input_;
  ResidualTower tower_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear head_{nullptr};
};

// The recipe keys of `model: {arch: resnet50, ...}`.
recipe::Schema resnet_options_schema();

}  // namespace jetstudy::models
