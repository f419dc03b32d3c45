// Mean squared error, in two modes (the recipe's `on:`):
//   probability (default): (sigmoid(x) - y)^2 for a scorer with one logit per jet and 0/1 labels -- the loss of
//                          the original DeepTop tagger (Kasieczka, Plehn, Russell, Schell, arXiv:1701.08784);
//   logits:                (x - y)^2 on the raw outputs, for per-jet regression (e.g. the truth jet pT), or per
//                          pixel for image outputs (PUMML, arXiv:1707.08600), averaged over each jet's pixels.
// Averaged over jets with the per-jet weights.
#pragma once

#include "toolkit/losses/loss.h"

namespace jetstudy::losses {

class MeanSquaredError : public Loss {
 public:
  enum class On { probability, logits };
  explicit MeanSquaredError(On on = On::probability) : on_(on) {}
  torch::Tensor operator()(const LossInput& input) const override;
  std::string description() const override;

 private:
  On on_;
};

}  // namespace jetstudy::losses
