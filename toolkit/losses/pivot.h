// Adversarial decorrelation with a pivot (Louppe, Kagan & Cranmer, arXiv:1611.01046): the classifier f minimises
//   E = L_f - lambda * L_r,   L_f = weighted BCE,   L_r = E_background[-log p_r(z | sigmoid(f(x)))],
// while an adversary r (models::MassAdversary) learns p(z | score) of the observer z (the jet mass) on the
// background jets. The loss owns the adversary and its Adam optimiser: before each classifier step it takes K
// adversary steps on the batch's background jets (the classifier's outputs detached), then the classifier's loss
// rewards scores from which the adversary cannot tell the observer. Gradients reach the classifier only through
// its scores; the observer and the weights are data.
#pragma once

#include <memory>
#include <string>

#include "toolkit/losses/loss.h"
#include "toolkit/models/mass_adversary.h"

namespace jetstudy::losses {

struct PivotOptions {
  double lambda = 0;              // strength of the adversarial term (of order 10 in arXiv:1611.01046)
  std::string observer = "mass";  // the observer the adversary predicts (LossInput.observers)
  models::MassAdversaryOptions adversary;
  int adversary_steps = 1;        // K adversary steps per classifier step
  double adversary_lr = 1e-3;     // the adversary's Adam learning rate
};

class Pivot : public Loss {
 public:
  explicit Pivot(PivotOptions options);

  // Weighted BCE over the batch minus lambda * the adversary's weighted NLL over its background jets (no
  // adversarial term for a batch without background jets).
  torch::Tensor operator()(const LossInput& input) const override;
  std::string description() const override;
  std::vector<std::string> observers() const override { return {options_.observer}; }

  // K Adam steps of the adversary on the batch's background jets, scores = sigmoid(outputs) (detached here too).
  void before_step(const LossInput& detached) override;
  torch::nn::Module* module() override { return adversary_.get(); }
  torch::optim::Optimizer* module_optimizer() override { return optimizer_.get(); }

  // The adversary's weighted NLL over the background jets of `input` (differentiable in the outputs and in the
  // adversary's parameters); undefined when the batch has no background jets.
  torch::Tensor adversary_nll(const LossInput& input) const;

  models::MassAdversaryImpl& adversary() { return *adversary_; }

 private:
  void follow_device(const torch::Device& device);

  PivotOptions options_;
  std::shared_ptr<models::MassAdversaryImpl> adversary_;
  std::unique_ptr<torch::optim::Adam> optimizer_;
};

}  // namespace jetstudy::losses
