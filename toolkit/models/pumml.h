// PUMML, pile-up mitigation with machine learning (Komiske, Metodiev, Nachman, Schwartz, arXiv:1707.08600): a small
// convolutional network reads per-pixel channels of an event region -- charged pT from the hard scatter, charged pT
// from pile-up, total neutral pT (possibly several resolutions, already brought to one grid) -- and predicts the
// neutral pT that came from the hard scatter, pixel by pixel. Output [N, 1, H, W], non-negative.
// As in the authors' code: ReLU convolutions, then a 1x1 ReLU projection to one channel when the last layer has
// more than one filter. Here every layer keeps the image size ('same'-like zero padding, stride 1) so the
// prediction sits on the input grid.
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

struct PummlOptions {
  // From the validated `model:` block (pumml_options_schema() fills the defaults).
  static PummlOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::vector<std::int64_t>, filters) = std::vector<std::int64_t>{10, 10};  // one conv layer each
  TORCH_ARG(std::vector<std::int64_t>, kernels) = std::vector<std::int64_t>{6, 3};    // one square kernel per layer
};

// The recipe keys of `model: {arch: pumml, ...}`.
recipe::Schema pumml_options_schema();

class PummlImpl : public NetworkImpl {
 public:
  // Throws core::InputError when the images have fewer than 2 channels or a kernel is larger than the image.
  PummlImpl(PummlOptions options, const InputSpec& input);
  // Predicted hard-scatter neutral pT per pixel [N, 1, H, W], >= 0.
  torch::Tensor forward(const NetworkInput& input) override;
  torch::Tensor forward(const torch::Tensor& images) { return forward(NetworkInput{images, {}, {}}); }
  std::string description() const override;

 private:
  PummlOptions options_;
  InputSpec input_;
  torch::nn::Sequential layers_{nullptr};
};

}  // namespace jetstudy::models
