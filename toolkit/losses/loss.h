// A training loss: logits and labels in, a scalar out. Decorrelation terms (DisCo, adversarial) will take the
// observers of the batch too; classifiers never see observers as inputs.
#pragma once

#include <torch/torch.h>

#include <string>

namespace jetstudy::losses {

class Loss {
 public:
  virtual ~Loss() = default;
  // logits: [N]; labels: [N] in {0, 1}; returns the mean loss over the batch.
  virtual torch::Tensor operator()(const torch::Tensor& logits, const torch::Tensor& labels) const = 0;
  virtual std::string description() const = 0;
};

}  // namespace jetstudy::losses
