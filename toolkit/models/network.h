// The interface every network of the zoo implements: one batch of what the dataset offers in, one tensor out.
// What the output means depends on the architecture's kind (builtin.h):
//   scorer          logits [N] (binary or one regression target) or [N, K] (K classes)
//   autoencoder     the reconstructed images [N, C, H, W]
//   pixel_regressor predicted images [N, C_out, H, W] (PUMML, arXiv:1707.08600)
//   gan             the discriminator's real/fake logits [N] for real images (the generator is reached through
//                   models::GanImpl, lagan.h)
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>

#include "toolkit/models/input_spec.h"

namespace jetstudy::models {

// One batch, on the training device. Tensors the dataset does not have are undefined (`!tensor.defined()`).
struct NetworkInput {
  torch::Tensor images;        // [N, C, H, W] jet images
  torch::Tensor event_images;  // [N, C', H', W'] whole-event images (two_stream)
  torch::Tensor features;      // [N, F] the observers the model's `inputs:` names, in that order, unscaled
};

class NetworkImpl : public torch::nn::Module {
 public:
  virtual torch::Tensor forward(const NetworkInput& input) = 0;
  virtual std::string description() const = 0;

  // Networks that are not trained by gradient descent (the binned likelihood-ratio baseline) return false and
  // learn in one pass over the whole training split with fit_directly(); labels [N] in {0, 1}, weights [N].
  virtual bool learns_by_gradient() const { return true; }
  virtual void fit_directly(const NetworkInput& /*train*/, const torch::Tensor& /*labels*/,
                            const torch::Tensor& /*weights*/) {}
};

// Number of trainable parameters.
std::int64_t count_parameters(const torch::nn::Module& module);

// Throws core::InputError ("conv_ae: built for 1x16x16 images, got a batch of shape [8, 1, 20, 20]") unless
// `images` is a batch [N, C, H, W] of the shape the network `arch` was built for.
void check_image_batch(const torch::Tensor& images, const InputSpec& input, const std::string& arch);

}  // namespace jetstudy::models
