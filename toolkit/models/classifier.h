// The interface every jet-image classifier implements: images in, one logit per jet out.
#pragma once

#include <torch/torch.h>

#include <string>

namespace jetstudy::models {

class ClassifierImpl : public torch::nn::Module {
 public:
  // images: [N, C, H, W] float; returns logits of shape [N] (sigmoid gives the signal probability).
  virtual torch::Tensor forward(torch::Tensor images) = 0;
  virtual std::string description() const = 0;
};

// Number of trainable parameters.
std::int64_t count_parameters(const torch::nn::Module& module);

}  // namespace jetstudy::models
