// Reconstruction loss of an autoencoder (targets = its input images): the mean squared error per jet, averaged
// over jets with the per-jet weights. The per-jet error is the anomaly score of Farina, Nakai & Shih
// (arXiv:1808.08992) and Heimel, Kasieczka, Plehn & Thompson (arXiv:1808.08979), who both use plain MSE.
// Optional pixel weighting (pixel_weight_power p > 0): each pixel's squared error is weighted by (|target| + eps)^p,
// the weights normalised to mean 1 over each jet's pixels, so bright pixels matter more than the many empty
// ones. No paper we know defines this weighting; it is our own option (p = 0, the default, is the published MSE).
#pragma once

#include "toolkit/losses/loss.h"

namespace jetstudy::losses {

// Added to |target| before raising it to the power p, so empty pixels keep a small weight.
inline constexpr double kPixelWeightEpsilon = 1e-6;

// Per-jet reconstruction error [N] of outputs and targets [N, ...] (the same shape): mean over each jet's pixels
// of w (output - target)^2, w = 1 for p = 0, else (|target| + eps)^p / mean over the jet's pixels.
torch::Tensor reconstruction_error(const torch::Tensor& outputs, const torch::Tensor& targets,
                                   double pixel_weight_power = 0);

class Reconstruction : public Loss {
 public:
  // Throws core::InputError for a negative power.
  explicit Reconstruction(double pixel_weight_power = 0);
  // Throws core::InputError when the outputs and target images differ in shape.
  torch::Tensor operator()(const LossInput& input) const override;
  std::string description() const override;

 private:
  double pixel_weight_power_;
};

}  // namespace jetstudy::losses
