// What every experiment kind does around its own training loop: threads and device from the recipe, the dataset
// (built, or read from the cache), the network built with shapes from the dataset after the run's seed is set,
// the trainer's options, learning curves into the run's outcome, and files kept as artifacts.
#pragma once

#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "experiments/experiment.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/jet_dataset.h"
#include "toolkit/losses/loss.h"
#include "toolkit/models/builtin.h"
#include "toolkit/models/network.h"
#include "toolkit/train/batch_stream.h"
#include "toolkit/train/examples.h"
#include "toolkit/train/trainer.h"

namespace jetstudy::experiments {

// A dataset in memory with tensor views of its splits. The views point into `dataset`; keep it where it is.
// When training streams the training split from the cache file (data::TrainImages::leave_in_file), `train` has
// its labels, weights and observers but no images (dataset.train.images is empty); validation and test are whole.
struct PreparedData {
  data::JetDataset dataset;
  train::Examples train, val, test;
  bool train_images_in_memory() const { return !dataset.train.images.empty(); }
};

// Sets torch's threads from train.threads and returns the device train.device names.
torch::Device configure_compute(const nlohmann::json& train_config);

// Builds the dataset of the run's data/images blocks or reads it from the cache, and views its splits.
// TrainImages::leave_in_file keeps the training images out of memory, for training through training_batches().
std::unique_ptr<PreparedData> prepare_data(const ExperimentContext& context,
                                           data::TrainImages train_images = data::TrainImages::read);

// The training split streamed from the dataset's cache file by data::Loader in batches of train.batch, shuffled
// chunk-wise by the run's seed (the order of each epoch fixed by seed and epoch); `to_examples` turns each batch
// into what the network trains on. only_label: the jets of that class only.
std::unique_ptr<train::LoaderBatches> training_batches(const ExperimentContext& context, const PreparedData& data,
                                                       train::ToExamples to_examples,
                                                       std::optional<int> only_label = std::nullopt);

// A loader batch as examples: images, event images, labels as targets, weights, observers, and the observers
// `features` stacked as features (attach_model_features' names) when there are any.
train::ToExamples loader_examples(const PreparedData& data, const std::vector<std::string>& features = {});

// Feature networks (`model.inputs: [mass, tau32]`) read observers: puts them into every split's `features`.
// Returns the input names (empty when the model reads images only).
std::vector<std::string> attach_model_features(PreparedData& data, const nlohmann::json& model);

// The shapes a network is built for, from the dataset (and the features' mean and spread over training).
models::InputSpec input_spec_for(const PreparedData& data, const std::vector<std::string>& features,
                                 std::int64_t outputs);

// Sets the run's seed (it fixes the initial weights) and builds model.arch. Throws core::InputError when the
// architecture's kind is not what the experiment trains, naming the architectures that are.
std::shared_ptr<models::NetworkImpl> build_network(const nlohmann::json& model, const models::InputSpec& input,
                                                   std::int64_t seed, models::NetworkKind kind,
                                                   const std::string& experiment);

// Builds the recipe's loss with torch's generator set from the run's seed, so a loss with a network of its own
// (the pivot's adversary) starts from the same weights whatever ran before in the process.
std::unique_ptr<losses::Loss> make_seeded_loss(const nlohmann::json& loss_config, std::int64_t seed);

// Throws core::InputError naming the observer a loss reads that the dataset does not carry.
void check_loss_observers(const losses::Loss& loss, const nlohmann::json& loss_config, const data::Split& split);

// Whether the coordinator's ASHA asks the run to stop after `epoch`, read from the run directory
// (sched::scheduler_asks_stop: stop-requested, and at a rung epoch the verdict waited for); `say` tells the run's
// log when a rung verdict never came. Trainer runs get it through train_options; the GAN loop asks it itself.
std::function<bool(int epoch)> scheduler_stop_hook(const std::filesystem::path& run_directory,
                                                   const std::function<void(const std::string&)>& say = {});

// train.batch, epochs, early_stop, schedule, the run's seed; checkpoints go to the run directory and a run that
// was interrupted or killed resumes from its last checkpoint there; stop_requested is scheduler_stop_hook.
train::TrainOptions train_options(const nlohmann::json& train_config, std::int64_t seed,
                                  const std::filesystem::path& run_directory,
                                  const std::function<void(const std::string&)>& say = {});

// Trains `model` on the batches of `train` (validated on `val`) with the recipe's optimiser and train: block,
// checkpoints in the run directory, and adds to `outcome` what every trained run reports: the per-epoch learning
// curve and metrics, the parameter count (model/parameters) and the best epoch (train/best_epoch). On return the
// model holds the best epoch's weights. Networks fitted without gradients get no optimiser.
train::TrainingHistory train_network(const ExperimentContext& context, const std::shared_ptr<models::NetworkImpl>& model,
                                     losses::Loss& loss, train::BatchStream& train, const train::Examples& val,
                                     const train::ValidationMetrics& validation_metrics, store::RunOutcome& outcome);

// A tensor's values as floats, in order (on the CPU).
std::vector<float> to_floats(const torch::Tensor& tensor);

// Float values (as a data::Split holds them) as doubles, for the metrics.
std::vector<double> to_doubles(const std::vector<float>& values);

// Collects the per-epoch records into the outcome's metrics and a `learning` curve, and tells the status line.
class LearningRecorder {
 public:
  LearningRecorder(const ExperimentContext& context, store::RunOutcome& outcome, int epochs);
  void operator()(const train::EpochRecord& record);
  nlohmann::json curve() const { return curve_; }

 private:
  const ExperimentContext& context_;
  store::RunOutcome& outcome_;
  int epochs_;
  nlohmann::json curve_ = nlohmann::json::object();
};

// A file of the run, with its SHA-256.
store::Artifact artifact(const std::string& kind, const std::filesystem::path& path);

// The store keeps finite numbers only: +inf (a rejection where no background passes) is stored as the bound the
// sample can resolve.
double storable(double value, double bound_if_infinite);

// A progress message on the run's status line.
std::function<void(const std::string&)> say_for(const ExperimentContext& context);

}  // namespace jetstudy::experiments
