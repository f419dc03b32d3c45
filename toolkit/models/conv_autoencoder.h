// Convolutional autoencoder for anomaly detection on jet images: trained to reconstruct background (QCD) jets,
// it reconstructs unusual jets (tops, new physics) worse, so the reconstruction error is the anomaly score
// (Heimel, Kasieczka, Plehn, Thompson, arXiv:1808.08979; Farina, Nakai, Shih, arXiv:1808.08992).
// Encoder: 'same'-size convolutions with ReLU, pooling after chosen layers, flatten, dense layers down to a linear
// bottleneck of `latent` numbers. Decoder: the mirror image -- dense layers back up, reshape, and for each encoder
// layer in reverse a nearest-neighbour upsampling to the size before its pooling and a 'same' convolution.
// Output: ReLU by default, because jet images are non-negative and mostly exactly zero: a ReLU can give those
// exact zeros, where a softplus would leave a small positive floor on every empty pixel that the MSE keeps
// fighting. The last layer's bias starts at 0.1 so the ReLU starts alive on every pixel. `output: softplus` is
// there if the last layer dies anyway; `linear` for standardised (signed) images.
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

struct ConvAutoencoderOptions {
  // From the validated `model:` block (conv_autoencoder_options_schema() fills the defaults).
  static ConvAutoencoderOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::vector<std::int64_t>, filters) = std::vector<std::int64_t>{10, 5, 5, 5};  // one conv layer each
  TORCH_ARG(std::int64_t, kernel) = 4;  // 'same' size: padded (k-1)/2 before and k/2 after, as Keras does
  TORCH_ARG(std::vector<std::int64_t>, pool_after) = std::vector<std::int64_t>{2, 4};  // 1-based conv layers
  TORCH_ARG(std::int64_t, pool) = 2;                        // pooling window and stride
  TORCH_ARG(std::string, pooling) = "average";              // average | max
  TORCH_ARG(std::vector<std::int64_t>, dense) = std::vector<std::int64_t>{100};  // between flatten and bottleneck
  TORCH_ARG(std::int64_t, latent) = 32;                     // bottleneck size
  TORCH_ARG(std::string, output) = "relu";                  // relu | softplus | linear
};

// The recipe keys of `model: {arch: conv_ae, ...}`.
recipe::Schema conv_autoencoder_options_schema();

class ConvAutoencoderImpl : public NetworkImpl {
 public:
  // Throws core::InputError when the image shape cannot pass through the conv/pool stack, naming the shapes.
  ConvAutoencoderImpl(ConvAutoencoderOptions options, const InputSpec& input);
  // The reconstruction [N, C, H, W] of input.images.
  torch::Tensor forward(const NetworkInput& input) override;
  torch::Tensor forward(const torch::Tensor& images) { return forward(NetworkInput{images, {}, {}}); }
  // The bottleneck [N, latent].
  torch::Tensor encode(const torch::Tensor& images);
  std::string description() const override;

 private:
  ConvAutoencoderOptions options_;
  InputSpec input_;
  torch::nn::Sequential encoder_{nullptr};
  torch::nn::Sequential decoder_{nullptr};
};

}  // namespace jetstudy::models
