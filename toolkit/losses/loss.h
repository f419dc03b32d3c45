// A training loss: the network's output for a batch and what it should have been in, a scalar out.
// Decorrelation terms (DisCo, the adversarial pivot) also read observers of the batch (the jet mass); networks
// never see observers as inputs unless the architecture asks for them (NetworkInput::features).
#pragma once

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace jetstudy::losses {

// One batch, on the training device.
struct LossInput {
  torch::Tensor outputs;  // the network's output (models/network.h: logits [N] or [N, K], or images)
  torch::Tensor targets;  // labels [N] (0/1, or the class index 0..K-1 as float), regression targets [N], or the
                          // target images [N, C, H, W] (for an autoencoder: its input images)
  torch::Tensor weights;  // [N] per-jet weights; undefined means 1 for every jet
  std::map<std::string, torch::Tensor> observers;  // [N] each: those named by Loss::observers()
};

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
};

}  // namespace jetstudy::losses
