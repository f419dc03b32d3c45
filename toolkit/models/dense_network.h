// A dense (fully connected) network on observers such as mass, tau21 or tau32: the baseline a jet-image tagger
// must beat. With layers [500, 500, 500, 500, 500] and dropout 0.5 it is the dense baseline of the CMS Open Data
// top-tagging study (on object features). Observers are standardised inside the network with the training split's
// mean and standard deviation, stored as buffers so a checkpoint keeps its scaling.
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

struct DenseNetworkOptions {
  // From the validated `model:` block (dense_network_options_schema() fills the defaults).
  static DenseNetworkOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::vector<std::string>, inputs) = std::vector<std::string>{};  // observer names, in order
  TORCH_ARG(std::vector<std::int64_t>, layers) = std::vector<std::int64_t>{64, 64};
  TORCH_ARG(double, dropout) = 0.0;  // after each hidden layer's ReLU
};

class DenseNetworkImpl : public NetworkImpl {
 public:
  // Throws core::InputError when the dataset offers no features, or other features than `inputs` names.
  DenseNetworkImpl(DenseNetworkOptions options, const InputSpec& input);
  torch::Tensor forward(const NetworkInput& input) override;
  std::string description() const override;

 private:
  DenseNetworkOptions options_;
  InputSpec input_;
  torch::Tensor mean_, std_;  // buffers [F]
  torch::nn::Sequential layers_{nullptr};
};

// The recipe keys of `model: {arch: dense, ...}`.
recipe::Schema dense_network_options_schema();

}  // namespace jetstudy::models
