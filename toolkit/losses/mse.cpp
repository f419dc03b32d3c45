#include "toolkit/losses/mse.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace jetstudy::losses {

torch::Tensor MeanSquaredError::operator()(const LossInput& input) const {
  if (on_ == On::logits && input.outputs.dim() > 1) {
    // Per-pixel regression (PUMML): the mean over each jet's pixels, then the weighted mean over jets.
    if (input.outputs.sizes() != input.targets.sizes())
      throw core::InputError(fmt::format("loss mse: outputs {} and targets {} differ in shape", input.outputs.sizes().vec(),
                                         input.targets.sizes().vec()));
    const auto difference = input.outputs - input.targets.to(input.outputs.dtype());
    return weighted_mean((difference * difference).flatten(1).mean(1), input.weights);
  }
  if (input.outputs.dim() != 1)
    throw core::InputError(fmt::format("loss mse on probabilities needs one output per jet ([N]), got outputs of {} "
                                       "dimensions; use reconstruction for images or cross_entropy for classes",
                                       input.outputs.dim()));
  const auto prediction = on_ == On::probability ? torch::sigmoid(input.outputs) : input.outputs;
  const auto difference = prediction - input.targets.reshape({-1}).to(prediction.dtype());
  return weighted_mean(difference * difference, input.weights);
}

std::string MeanSquaredError::description() const {
  return on_ == On::probability ? "mean squared error of sigmoid(output) against the 0/1 label (DeepTop, arXiv:1701.08784)"
                                : "mean squared error of the output against the regression target (per jet, or per "
                                  "pixel averaged over each jet's pixels)";
}

}  // namespace jetstudy::losses
