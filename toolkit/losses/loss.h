// A training loss: the network's output for a batch and what it should have been in, a scalar out.
// Decorrelation terms (DisCo, the adversarial pivot) also read observers of the batch (the jet mass); networks
// never see observers as inputs unless the architecture asks for them (NetworkInput::features).
#pragma once

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

#include "toolkit/core/error.h"

namespace jetstudy::losses {

// One batch, on the training device.
struct LossInput {
  torch::Tensor outputs;  // the network's output (models/network.h: logits [N] or [N, K], or images)
  torch::Tensor targets;  // labels [N] (0/1, or the class index 0..K-1 as float), regression targets [N], or the
                          // target images [N, C, H, W] (for an autoencoder: its input images)
  torch::Tensor weights;  // [N] per-jet weights; undefined means 1 for every jet
  std::map<std::string, torch::Tensor> observers;  // [N] each: those named by Loss::observers()

  // The observer `name`; throws core::InputError naming the loss, the observer and what the batch carries.
  const torch::Tensor& observer(const std::string& name, const std::string& loss) const {
    const auto found = observers.find(name);
    if (found != observers.end()) return found->second;
    std::string carried;
    for (const auto& [key, values] : observers) carried += (carried.empty() ? "" : ", ") + key;
    throw core::InputError("loss " + loss + " needs the observer '" + name + "', which the data does not carry (it has: " +
                           (carried.empty() ? "none" : carried) + ")");
  }
};

// sum_i w_i x_i / sum_i w_i over jets; the plain mean when `weights` is undefined.
inline torch::Tensor weighted_mean(const torch::Tensor& per_jet, const torch::Tensor& weights) {
  if (!weights.defined()) return per_jet.mean();
  const auto w = weights.reshape(per_jet.sizes()).to(per_jet.dtype());
  return (per_jet * w).sum() / w.sum().clamp_min(1e-12);
}

class Loss {
 public:
  virtual ~Loss() = default;
  // The weighted mean loss over the batch.
  virtual torch::Tensor operator()(const LossInput& input) const = 0;
  virtual std::string description() const = 0;

  // The observers the loss reads (the dataset must carry them; the experiment names the missing one).
  virtual std::vector<std::string> observers() const { return {}; }

  // A loss with a network of its own (the pivot's adversary) trains it here, before each step of the main
  // network, on outputs already detached from the main network's graph; its weights are checkpointed with the
  // main network's through module().
  virtual void before_step(const LossInput& /*detached*/) {}
  virtual torch::nn::Module* module() { return nullptr; }
  // The optimiser of that network, checkpointed with it so a resumed run continues exactly.
  virtual torch::optim::Optimizer* module_optimizer() { return nullptr; }
};

}  // namespace jetstudy::losses
