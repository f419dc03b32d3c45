// The training loop shared by the experiment kinds: mini-batch gradient descent over shuffled training examples,
// a learning-rate schedule, validation after each epoch, early stopping on a monitored quantity, best/last
// checkpoints, and resuming a killed run from its last checkpoint.
// Reproducible: the seed fixes initialisation (set before the model is built) and the shuffling order (the batch
// stream's order of epoch e depends on (seed, e) only); a resumed run restores every generator, so on the CPU it
// ends bit-identical to one that never stopped.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/losses/loss.h"
#include "toolkit/models/network.h"
#include "toolkit/train/batch_stream.h"
#include "toolkit/train/early_stopping.h"
#include "toolkit/train/examples.h"
#include "toolkit/train/schedule.h"
#include "toolkit/train/train_options.h"
#include "toolkit/train/training_history.h"

namespace jetstudy::train {

// Validation metrics from the network's outputs over the validation examples (on the CPU, in order); the
// experiment supplies it (train/ knows no metrics). Its names, prefixed val_, are what early_stop may monitor.
using ValidationMetrics =
    std::function<std::map<std::string, double>(const torch::Tensor& outputs, const Examples& validation)>;
// Called after each epoch, once last.pt holds it. A resumed run first calls it for every epoch read back from
// the checkpoint (EpochRecord::restored), so per-epoch records stay complete.
using EpochCallback = std::function<void(const EpochRecord&)>;

class Trainer {
 public:
  // A network that does not learn by gradient (NetworkImpl::learns_by_gradient) is fitted in one pass and
  // needs no optimizer. The optimizer's learning rate is the schedule's base rate.
  Trainer(std::shared_ptr<models::NetworkImpl> model, losses::Loss& loss, torch::optim::Optimizer* optimizer,
          TrainOptions options);

  // Trains (or, with options.resume and checkpoint_dir/last.pt present, continues); on return the model holds
  // the weights of the best epoch. Throws core::Interrupted between batches when an interrupt was requested,
  // std::runtime_error naming epoch and step when the loss is not finite (last.pt keeps the last good epoch),
  // and core::InputError when the monitored quantity is not among those computed.
  // The training examples come from `train`, one epoch at a time (begin_epoch(epoch) first); validation stays
  // in memory.
  TrainingHistory fit(BatchStream& train, const Examples& val, const ValidationMetrics& validation_metrics,
                      const EpochCallback& on_epoch = {});
  // The same on examples in memory, shuffled whole each epoch (InMemoryBatches with the options' batch and seed).
  TrainingHistory fit(const Examples& train, const Examples& val, const ValidationMetrics& validation_metrics,
                      const EpochCallback& on_epoch = {});

  std::string schedule_description() const;

  // The epoch after which the last fit() stopped because TrainOptions::stop_requested said so; 0 if it did not.
  int stopped_at_epoch() const { return stopped_at_epoch_; }

 private:
  // Everything one fit() changes as it goes; all of it is in last.pt.
  struct Progress {
    TrainingHistory history;
    EarlyStopping early_stopping;
    std::optional<LearningRateSchedule> schedule;  // gradient-trained networks only
    std::vector<torch::Tensor> best_weights;  // parameters then buffers
  };

  Progress fresh_progress() const;
  bool resume(Progress& progress, const EpochCallback& on_epoch);
  void check_monitor_is_computed(const Examples& val, const ValidationMetrics& validation_metrics) const;
  EpochRecord train_and_validate(int epoch, Progress& progress, BatchStream& train, const Examples& val,
                                 const ValidationMetrics& validation_metrics);
  double train_one_epoch(BatchStream& train, int epoch);
  void book_epoch(EpochRecord& record, Progress& progress);
  void write_checkpoints(const Progress& progress, bool improved);
  bool finished(const Progress& progress) const;
  void restore_best_weights(const Progress& progress);

  std::shared_ptr<models::NetworkImpl> model_;
  losses::Loss& loss_;
  torch::optim::Optimizer* optimizer_;
  TrainOptions options_;
  double base_rate_ = 0;
  int stopped_at_epoch_ = 0;
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
