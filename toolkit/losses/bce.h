// Binary cross-entropy on logits: -[y log s(x) + (1-y) log(1-s(x))], s = sigmoid, computed in the numerically
// stable log-sum-exp form (LibTorch's binary_cross_entropy_with_logits), averaged with the per-jet weights.
#pragma once

#include "toolkit/losses/loss.h"

namespace jetstudy::losses {

class BinaryCrossEntropy : public Loss {
 public:
  torch::Tensor operator()(const LossInput& input) const override;
  std::string description() const override { return "binary cross-entropy on logits"; }
};

}  // namespace jetstudy::losses
