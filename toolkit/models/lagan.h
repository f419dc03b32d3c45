// LAGAN, the location-aware generative adversarial network for jet images (de Oliveira, Paganini, Nachman,
// arXiv:1701.05927), an auxiliary-classifier GAN whose later layers are locally connected (unshared weights per
// pixel, locally_connected.h), because a preprocessed jet image looks different at every location.
//   generator:     latent z (200) * embedding(class) -> dense h0 x w0 x 128 -> conv 64 5x5 (same), LeakyReLU,
//                  batch norm, upsample x2 -> LC 6 5x5 (same), LeakyReLU, batch norm, upsample x2 -> LC 6 3x3,
//                  LeakyReLU -> LC C kh x kw (no bias) -> ReLU: a non-negative [N, C, H, W] image
//   discriminator: conv 32 5x5 (same), LeakyReLU, dropout -> LC 8 5x5 stride 2 -> LC 8 5x5 -> LC 8 3x3 stride 2,
//                  each with LeakyReLU, batch norm, dropout -> average pool 2 -> flatten -> minibatch
//                  discrimination (minibatch_discrimination.h) appended -> two logits: real/fake and class
// The paper's 25x25 images give h0 = 7 and a 2x2 last kernel (7 -> 14 -> 28 -> 26 -> 25). For other sizes the map
// is h0 = ceil((H + 3) / 4) and the last kernel kh = 4 h0 - 1 - H (2 to 5 pixels) takes up the difference, so the
// generated image always has the dataset's shape. LeakyReLU slope 0.3 (Keras' default, which the authors used).
// The first discriminator layer has no batch norm (DCGAN's advice, as in the authors' code).
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>

#include "toolkit/models/input_spec.h"
#include "toolkit/models/locally_connected.h"
#include "toolkit/models/minibatch_discrimination.h"
#include "toolkit/models/network.h"
#include "toolkit/recipe/schema.h"

namespace jetstudy::models {

struct LaganOptions {
  // From the validated `model:` block (lagan_options_schema() fills the defaults).
  static LaganOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::int64_t, latent) = 200;               // size of z (and of the class embedding)
  TORCH_ARG(std::int64_t, generator_map) = 128;        // channels of the first dense feature map
  TORCH_ARG(std::int64_t, generator_conv) = 64;        // filters of the generator's convolution
  TORCH_ARG(std::int64_t, generator_local) = 6;        // filters of the generator's hidden LC layers
  TORCH_ARG(std::int64_t, discriminator_conv) = 32;    // filters of the discriminator's convolution
  TORCH_ARG(std::int64_t, discriminator_local) = 8;    // filters of the discriminator's LC layers
  TORCH_ARG(double, dropout) = 0.2;                    // after each discriminator layer
  TORCH_ARG(std::int64_t, minibatch_kernels) = 10;     // B of minibatch discrimination
  TORCH_ARG(std::int64_t, minibatch_dims) = 10;        // C of minibatch discrimination
};

// The recipe keys of `model: {arch: lagan, ...}`.
recipe::Schema lagan_options_schema();

class LaganGeneratorImpl : public torch::nn::Module {
 public:
  LaganGeneratorImpl(const LaganOptions& options, const InputSpec& input);
  // z [N, latent], labels [N] (0 background, 1 signal; any integer or floating type) -> images [N, C, H, W] >= 0.
  torch::Tensor forward(const torch::Tensor& z, const torch::Tensor& labels);
  std::int64_t map_height() const { return map_height_; }
  std::int64_t map_width() const { return map_width_; }
  std::string description() const;

 private:
  LaganOptions options_;
  InputSpec input_;
  std::int64_t map_height_ = 0, map_width_ = 0;
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::Sequential layers_{nullptr};
};
TORCH_MODULE(LaganGenerator);

class LaganDiscriminatorImpl : public torch::nn::Module {
 public:
  // Throws core::InputError when the images are too small for the strided layers, naming the shapes.
  LaganDiscriminatorImpl(const LaganOptions& options, const InputSpec& input);
  // images [N, C, H, W] -> (real/fake logits [N], class logits [N]).
  std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& images);
  std::string description() const;

 private:
  LaganOptions options_;
  InputSpec input_;
  std::string shapes_;  // the spatial sizes through the stack, for description()
  torch::nn::Sequential features_{nullptr};
  MinibatchDiscrimination minibatch_{nullptr};
  torch::nn::Linear real_fake_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(LaganDiscriminator);

// The GAN as one network of the zoo (NetworkKind::gan): forward() is the discriminator's real/fake logit, and the
// experiment reaches the two halves through generator() / discriminator() to give each its own optimiser.
class GanImpl : public NetworkImpl {
 public:
  GanImpl(LaganOptions options, const InputSpec& input);

  // Real/fake logits [N] of input.images.
  torch::Tensor forward(const NetworkInput& input) override;
  // z [N, latent] and class labels [N] -> generated images [N, C, H, W], non-negative.
  torch::Tensor generate(const torch::Tensor& z, const torch::Tensor& labels);
  // images [N, C, H, W] -> (real/fake logits [N], class logits [N]); other shapes throw core::InputError.
  std::pair<torch::Tensor, torch::Tensor> discriminate(const torch::Tensor& images);
  std::int64_t latent_size() const { return options_.latent(); }

  torch::nn::Module& generator() { return *generator_; }
  torch::nn::Module& discriminator() { return *discriminator_; }
  std::string description() const override;

 private:
  LaganOptions options_;
  InputSpec input_;
  LaganGenerator generator_{nullptr};
  LaganDiscriminator discriminator_{nullptr};
};

}  // namespace jetstudy::models
