#include "toolkit/losses/bce.h"

namespace jetstudy::losses {

torch::Tensor BinaryCrossEntropy::operator()(const torch::Tensor& logits, const torch::Tensor& labels) const {
  return torch::nn::functional::binary_cross_entropy_with_logits(logits, labels);
}

}  // namespace jetstudy::losses
