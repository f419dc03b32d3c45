#include "toolkit/losses/reconstruction.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace jetstudy::losses {

torch::Tensor reconstruction_error(const torch::Tensor& outputs, const torch::Tensor& targets, double pixel_weight_power) {
  JETSTUDY_CHECK(outputs.sizes() == targets.sizes(), "reconstruction_error: outputs and targets differ in shape");
  const auto jets = outputs.size(0);
  const auto target = targets.to(outputs.dtype()).reshape({jets, -1});
  const auto difference = outputs.reshape({jets, -1}) - target;
  const auto squared = difference * difference;
  if (pixel_weight_power == 0) return squared.mean(1);
  auto weights = (target.abs() + kPixelWeightEpsilon).pow(pixel_weight_power).detach();
  weights = weights / weights.mean(1, /*keepdim=*/true);
  return (weights * squared).mean(1);
}

Reconstruction::Reconstruction(double pixel_weight_power) : pixel_weight_power_(pixel_weight_power) {
  if (pixel_weight_power_ < 0)
    throw core::InputError(fmt::format("loss reconstruction: pixel_weight_power must be >= 0, got {}", pixel_weight_power_));
}

torch::Tensor Reconstruction::operator()(const LossInput& input) const {
  if (input.outputs.sizes() != input.targets.sizes())
    throw core::InputError(fmt::format("loss reconstruction compares output images with target images of the same shape, "
                                       "got outputs {} and targets {}; it needs an autoencoder's output",
                                       input.outputs.sizes().vec(), input.targets.sizes().vec()));
  return weighted_mean(reconstruction_error(input.outputs, input.targets, pixel_weight_power_), input.weights);
}

std::string Reconstruction::description() const {
  if (pixel_weight_power_ == 0) return "reconstruction mean squared error per jet";
  return fmt::format("reconstruction squared error per jet, pixels weighted by (|target| + {})^{}", kPixelWeightEpsilon,
                     pixel_weight_power_);
}

}  // namespace jetstudy::losses
