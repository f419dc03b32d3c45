// DeepTop: a plain convolutional tagger for jet images (Kasieczka, Plehn, Russell, Schell, arXiv:1701.08784):
// a stack of same-size convolutions with ReLU and max-pooling after chosen layers, then dense layers.
// The 2017 network: four conv layers of 8 filters 4x4, pooling after the second, three dense layers of 64.
// Macaluso & Shih (arXiv:1803.00107) use the same family with more filters, pooling after each block and dropout.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "toolkit/models/network.h"
#include "toolkit/models/input_spec.h"

namespace jetstudy::models {

struct DeepTopOptions {
  // From the validated `model:` block (toolkit/models/deeptop_options_schema.cpp fills the defaults).
  static DeepTopOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::vector<std::int64_t>, filters) = std::vector<std::int64_t>{8, 8, 8, 8};  // one conv layer each
  TORCH_ARG(std::int64_t, kernel) = 4;
  TORCH_ARG(std::int64_t, padding) = 1;                 // explicit (not "same": even kernels warn in LibTorch)
  TORCH_ARG(std::vector<std::int64_t>, pool_after) = std::vector<std::int64_t>{2};  // 1-based conv layer numbers
  TORCH_ARG(std::int64_t, pool) = 2;                    // max-pool window and stride
  TORCH_ARG(std::vector<std::int64_t>, dense) = std::vector<std::int64_t>{64, 64, 64};
  TORCH_ARG(double, dropout) = 0.0;                     // before each dense layer
};

class DeepTopImpl : public NetworkImpl {
 public:
  // Throws core::InputError when the image shape cannot pass through the conv/pool stack, naming the shapes.
  DeepTopImpl(DeepTopOptions options, const InputSpec& input);
  torch::Tensor forward(const NetworkInput& input) override;
  torch::Tensor forward(const torch::Tensor& images) { return forward(NetworkInput{images, {}, {}}); }
  std::string description() const override;

 private:
  DeepTopOptions options_;
  InputSpec input_;
  torch::nn::Sequential features_{nullptr};
  torch::nn::Sequential head_{nullptr};
};

}  // namespace jetstudy::models
