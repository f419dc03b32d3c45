// Minibatch discrimination (Salimans et al., "Improved techniques for training GANs", arXiv:1606.03498): lets a
// GAN discriminator see how alike the samples of a batch are, which penalises a generator that collapses onto a
// few images. Each sample's features f(x_i) in R^A are projected by a learnt tensor T [A, B*C] to B rows of C
// numbers, M_i = f(x_i) T reshaped [B, C]; then per kernel b
//     o(x_i)_b = sum_j exp(-||M_i,b - M_j,b||_L1),
// the sum running over the whole batch including j = i (so every o >= 1), as in the LAGAN code (arXiv:1701.05927).
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace jetstudy::models {

struct MinibatchDiscriminationOptions {
  MinibatchDiscriminationOptions(std::int64_t in_features, std::int64_t kernels, std::int64_t kernel_dims)
      : in_features_(in_features), kernels_(kernels), kernel_dims_(kernel_dims) {}
  TORCH_ARG(std::int64_t, in_features);  // A
  TORCH_ARG(std::int64_t, kernels);      // B: the number of similarity features per sample
  TORCH_ARG(std::int64_t, kernel_dims);  // C: the length of each projected row
};

class MinibatchDiscriminationImpl : public torch::nn::Cloneable<MinibatchDiscriminationImpl> {
 public:
  explicit MinibatchDiscriminationImpl(MinibatchDiscriminationOptions options);
  void reset() override;

  // features [N, A] -> o [N, B]; the caller concatenates them to its features (Salimans et al. do).
  torch::Tensor forward(const torch::Tensor& features);

  const MinibatchDiscriminationOptions& options() const { return options_; }

  torch::Tensor T;  // [A, B*C]

 private:
  MinibatchDiscriminationOptions options_;
};
TORCH_MODULE(MinibatchDiscrimination);

}  // namespace jetstudy::models
