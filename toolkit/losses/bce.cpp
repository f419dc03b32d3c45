#include "toolkit/losses/bce.h"

namespace jetstudy::losses {

torch::Tensor BinaryCrossEntropy::operator()(const LossInput& input) const {
  const auto per_jet = torch::nn::functional::binary_cross_entropy_with_logits(
      input.outputs, input.targets, torch::nn::functional::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kNone));
  return weighted_mean(per_jet, input.weights);
}

}  // namespace jetstudy::losses
