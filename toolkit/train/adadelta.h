// AdaDelta: per-parameter step sizes from running averages of squared gradients and squared updates, so the
// base learning rate is of order 1 (Zeiler, arXiv:1212.5701). LibTorch 1.13 has no AdaDelta; this follows
// torch.optim.Adadelta step for step (Keras' Adadelta, used by Macaluso & Shih, has rho 0.95 and eps 1e-7).
#pragma once

#include <torch/optim/optimizer.h>
#include <torch/optim/serialize.h>
#include <torch/serialize/archive.h>

#include <vector>

namespace jetstudy::train {

struct AdadeltaOptions : public torch::optim::OptimizerCloneableOptions<AdadeltaOptions> {
  AdadeltaOptions(double lr = 1.0);  // NOLINT: implicit like LibTorch's own options (AdamOptions(1e-3))
  TORCH_ARG(double, lr) = 1.0;
  TORCH_ARG(double, rho) = 0.9;           // decay of both running averages
  TORCH_ARG(double, eps) = 1e-6;          // added inside both square roots
  TORCH_ARG(double, weight_decay) = 0.0;  // L2 penalty added to the gradient

 public:
  void serialize(torch::serialize::InputArchive& archive) override;
  void serialize(torch::serialize::OutputArchive& archive) const override;
  double get_lr() const override { return lr(); }
  void set_lr(const double rate) override { lr(rate); }
};

struct AdadeltaParamState : public torch::optim::OptimizerCloneableParamState<AdadeltaParamState> {
  TORCH_ARG(torch::Tensor, square_avg);  // running mean of g^2
  TORCH_ARG(torch::Tensor, acc_delta);   // running mean of (update)^2
  TORCH_ARG(int64_t, step) = 0;

 public:
  void serialize(torch::serialize::InputArchive& archive) override;
  void serialize(torch::serialize::OutputArchive& archive) const override;
};

class Adadelta : public torch::optim::Optimizer {
 public:
  Adadelta(std::vector<torch::Tensor> parameters, AdadeltaOptions options);

  torch::Tensor step(LossClosure closure = nullptr) override;
  void save(torch::serialize::OutputArchive& archive) const override;
  void load(torch::serialize::InputArchive& archive) override;
};

}  // namespace jetstudy::train
