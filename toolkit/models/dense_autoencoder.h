// Dense autoencoder for anomaly detection on jet images (Farina, Nakai, Shih, arXiv:1808.08992): the image is
// flattened, squeezed through dense layers to a linear bottleneck of `latent` numbers and expanded by the mirror
// image back to [N, C, H, W]; the reconstruction error is the anomaly score. The output activation is ReLU by
// default (jet images are non-negative and mostly exactly zero; see conv_autoencoder.h), softplus or linear on
// request.
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

struct DenseAutoencoderOptions {
  // From the validated `model:` block (dense_autoencoder_options_schema() fills the defaults).
  static DenseAutoencoderOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::vector<std::int64_t>, dense) = std::vector<std::int64_t>{256, 64};  // encoder widths, decoder mirrors
  TORCH_ARG(std::int64_t, latent) = 32;
  TORCH_ARG(std::string, output) = "relu";  // relu | softplus | linear
};

// The recipe keys of `model: {arch: dense_ae, ...}`.
recipe::Schema dense_autoencoder_options_schema();

class DenseAutoencoderImpl : public NetworkImpl {
 public:
  DenseAutoencoderImpl(DenseAutoencoderOptions options, const InputSpec& input);
  // The reconstruction [N, C, H, W]; another image shape than the dataset's throws core::InputError naming both.
  torch::Tensor forward(const NetworkInput& input) override;
  torch::Tensor forward(const torch::Tensor& images) { return forward(NetworkInput{images, {}, {}}); }
  torch::Tensor encode(const torch::Tensor& images);  // the bottleneck [N, latent]
  std::string description() const override;

 private:
  DenseAutoencoderOptions options_;
  InputSpec input_;
  torch::nn::Sequential encoder_{nullptr};
  torch::nn::Sequential decoder_{nullptr};
};

}  // namespace jetstudy::models
