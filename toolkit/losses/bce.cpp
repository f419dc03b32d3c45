#include "toolkit/losses/bce.h"

namespace jetstudy::losses {

torch::Tensor BinaryCrossEntropy::operator()(const LossInput& input) const {
  const auto per_jet = torch::nn::functional::binary_cross_entropy_with_logits(
      input.outputs, input.targets, torch::nn::functional::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kNone));
  if (!input.weights.defined()) return per_jet.mean();
  return (per_jet * input.weights).sum() / input.weights.sum().clamp_min(1e-12);
}

}  // namespace jetstudy::losses
