// The training loop shared by the experiment kinds: mini-batch gradient descent over shuffled training examples,
// validation after each epoch, early stopping on a monitored quantity, and best/last checkpoints.
// Reproducible: the seed fixes initialisation (set before the model is built) and the shuffling order.
#pragma once

#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "toolkit/losses/loss.h"
#include "toolkit/models/network.h"
#include "toolkit/train/examples.h"

namespace jetstudy::train {

struct TrainOptions {
  std::int64_t batch_size = 128;
  int epochs = 10;
  std::string monitor = "val_loss";  // "val_loss" (lower is better) or "val_<metric>" (higher is better)
  int patience = 3;                  // epochs without improvement before stopping
  torch::Device device = torch::kCPU;
  std::uint64_t seed = 1;            // shuffling order
  std::filesystem::path checkpoint_dir;  // best.pt and last.pt go here ("" = no checkpoint files)
};

struct EpochRecord {
  int epoch = 0;  // 1-based
  double train_loss = 0;
  double val_loss = 0;
  std::map<std::string, double> val_metrics;  // e.g. {"auc": 0.93}
  double seconds = 0;
  bool improved = false;
};

struct TrainingHistory {
  std::vector<EpochRecord> epochs;
  int best_epoch = 0;
  double best_monitored = 0;
  bool stopped_early = false;
};

// Validation metrics from the network's outputs over the validation examples (on the CPU, in order); the
// experiment supplies it (train/ knows no metrics).
using ValidationMetrics =
    std::function<std::map<std::string, double>(const torch::Tensor& outputs, const Examples& validation)>;
using EpochCallback = std::function<void(const EpochRecord&)>;

class Trainer {
 public:
  // A network that does not learn by gradient (NetworkImpl::learns_by_gradient) is fitted in one pass and
  // needs no optimizer.
  Trainer(std::shared_ptr<models::NetworkImpl> model, losses::Loss& loss, torch::optim::Optimizer* optimizer,
          TrainOptions options);

  // Trains; on return the model holds the weights of the best epoch. Throws core::Interrupted between batches
  // when an interrupt was requested, and std::runtime_error naming epoch and step when the loss is not finite.
  TrainingHistory fit(const Examples& train, const Examples& val, const ValidationMetrics& validation_metrics,
                      const EpochCallback& on_epoch = {});

 private:
  double train_one_epoch(const Examples& train, int epoch, std::mt19937_64& shuffle_engine);
  bool is_better(double candidate, double best) const;

  std::shared_ptr<models::NetworkImpl> model_;
  losses::Loss& loss_;
  torch::optim::Optimizer* optimizer_;
  TrainOptions options_;
};

// The network's outputs for every example, in order, in evaluation mode, on the CPU.
torch::Tensor predict(models::NetworkImpl& model, const Examples& examples, const torch::Device& device,
                      std::int64_t batch_size = 1024);

// Signal probabilities of a binary scorer: the sigmoid of predict()'s logits, as floats.
std::vector<float> predict_scores(models::NetworkImpl& model, const Examples& examples, const torch::Device& device,
                                  std::int64_t batch_size = 1024);

// Weighted mean loss over examples, in evaluation mode.
double evaluate_loss(models::NetworkImpl& model, const losses::Loss& loss, const Examples& examples,
                     const torch::Device& device, std::int64_t batch_size = 1024);

}  // namespace jetstudy::train
