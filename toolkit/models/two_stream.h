// Two-stream CNN (Lin, Freytsis, Moult, Nachman, arXiv:1807.10768): one convolutional stream reads the jet image,
// a second reads the image of the whole event; both are flattened and concatenated before the dense layers, so
// the tagger sees the jet's radiation pattern and its colour connection to the rest of the event.
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

// One stream: per entry of `filters` a conv layer (padded by kernel/2), ReLU, then a max-pool of `pool` (1: none).
struct ConvStreamOptions {
  static ConvStreamOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::vector<std::int64_t>, filters) = std::vector<std::int64_t>{16, 32};
  TORCH_ARG(std::int64_t, kernel) = 3;
  TORCH_ARG(std::int64_t, pool) = 2;
};

struct TwoStreamOptions {
  // From the validated `model:` block (two_stream_options_schema() fills the defaults).
  static TwoStreamOptions from_json(const nlohmann::json& options);

  TORCH_ARG(ConvStreamOptions, jet) = ConvStreamOptions{};
  TORCH_ARG(ConvStreamOptions, event) = ConvStreamOptions{};
  TORCH_ARG(std::vector<std::int64_t>, dense) = std::vector<std::int64_t>{64};
  TORCH_ARG(double, dropout) = 0.0;  // before each dense layer
};

class TwoStreamImpl : public NetworkImpl {
 public:
  // Throws core::InputError when the dataset has no event images, or when an image shape cannot pass its stream.
  TwoStreamImpl(TwoStreamOptions options, const InputSpec& input);
  torch::Tensor forward(const NetworkInput& input) override;
  std::string description() const override;

 private:
  TwoStreamOptions options_;
  InputSpec input_;
  torch::nn::Sequential jet_stream_{nullptr};
  torch::nn::Sequential event_stream_{nullptr};
  torch::nn::Sequential head_{nullptr};
};

// The recipe keys of `model: {arch: two_stream, ...}`.
recipe::Schema two_stream_options_schema();

}  // namespace jetstudy::models
