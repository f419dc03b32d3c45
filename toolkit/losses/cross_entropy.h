// Multi-class cross-entropy on logits: -log softmax(x)_y for K classes, averaged with the per-jet weights.
// outputs [N, K] logits; targets [N] the class index 0..K-1 stored as float (models/network.h).
#pragma once

#include "toolkit/losses/loss.h"

namespace jetstudy::losses {

class CrossEntropy : public Loss {
 public:
  // Throws core::InputError when the outputs are not [N, K] or a target is not a class index below K.
  torch::Tensor operator()(const LossInput& input) const override;
  std::string description() const override { return "multi-class cross-entropy on logits"; }
};

}  // namespace jetstudy::losses
