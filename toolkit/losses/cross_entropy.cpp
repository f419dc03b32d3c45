#include "toolkit/losses/cross_entropy.h"

#include <fmt/format.h>

namespace jetstudy::losses {

torch::Tensor CrossEntropy::operator()(const LossInput& input) const {
  if (input.outputs.dim() != 2)
    throw core::InputError(fmt::format("loss cross_entropy needs [N, K] class logits (a network with K outputs), got "
                                       "outputs of {} dimension(s); use bce for one logit per jet",
                                       input.outputs.dim()));
  const auto classes = input.outputs.size(1);
  const auto labels = input.targets.reshape({-1}).round().to(torch::kLong);
  if (labels.numel() > 0) {
    const auto lowest = labels.min().item<std::int64_t>(), highest = labels.max().item<std::int64_t>();
    if (lowest < 0 || highest >= classes)
      throw core::InputError(fmt::format("loss cross_entropy: class labels run from {} to {}, but the network has {} "
                                         "outputs (classes 0..{})",
                                         lowest, highest, classes, classes - 1));
  }
  const auto per_jet = torch::nn::functional::cross_entropy(
      input.outputs, labels, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  return weighted_mean(per_jet, input.weights);
}

}  // namespace jetstudy::losses
