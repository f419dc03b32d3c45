// DisCo: binary cross-entropy plus lambda times the distance correlation between the classifier's probability
// sigmoid(x) and an observer (the jet mass), computed over the background jets (label 0) of each batch
// (Kasieczka & Shih, arXiv:2001.05310). Minimising it keeps the background's observer distribution from being
// sculpted by a cut on the classifier. Both terms use the per-jet weights.
#pragma once

#include <string>

#include "toolkit/losses/loss.h"

namespace jetstudy::losses {

struct DiscoOptions {
  double lambda = 0;              // strength of the decorrelation term
  std::string observer = "mass";  // observer to decorrelate from (LossInput.observers)
  int power = 1;                  // 1: lambda * dCorr^2 (the paper's loss); 2: lambda * (dCorr^2)^2
};

class Disco : public Loss {
 public:
  explicit Disco(DiscoOptions options) : options_(std::move(options)) {}
  // BCE over the batch + lambda * dCorr^power over its background jets; the term is 0 with < 2 background jets.
  torch::Tensor operator()(const LossInput& input) const override;
  std::string description() const override;
  std::vector<std::string> observers() const override { return {options_.observer}; }

  // The decorrelation term alone (without lambda), for monitoring and tests.
  torch::Tensor decorrelation(const LossInput& input) const;

 private:
  DiscoOptions options_;
};

}  // namespace jetstudy::losses
