#include "toolkit/train/trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/train/checkpoint.h"
#include "toolkit/train/optimizers.h"

namespace jetstudy::train {
namespace {

// Runs `step(begin, end)` over [0, n) in slices of batch_size.
template <typename Step>
void for_each_batch(std::int64_t n, std::int64_t batch_size, Step&& step) {
  for (std::int64_t begin = 0; begin < n; begin += batch_size) step(begin, std::min(n, begin + batch_size));
}

std::vector<torch::Tensor> weights_of(torch::nn::Module& model) {
  std::vector<torch::Tensor> weights;
  for (const auto& parameter : model.parameters()) weights.push_back(parameter.detach().clone());
  for (const auto& buffer : model.buffers()) weights.push_back(buffer.detach().clone());
  return weights;
}

}  // namespace

Trainer::Trainer(std::shared_ptr<models::NetworkImpl> model, losses::Loss& loss, torch::optim::Optimizer* optimizer,
                 TrainOptions options)
    : model_(std::move(model)), loss_(loss), optimizer_(optimizer), options_(std::move(options)) {
  JETSTUDY_CHECK(model_ != nullptr, "trainer needs a model");
  JETSTUDY_CHECK(optimizer_ != nullptr || !model_->learns_by_gradient(), "a network trained by gradient needs an optimizer");
  if (options_.batch_size < 1) throw core::InputError("train.batch: must be positive");
  if (options_.epochs < 1) throw core::InputError("train.epochs: must be positive");
  if (options_.resume && options_.checkpoint_dir.empty())
    throw core::InputError("resuming needs a checkpoint directory to find last.pt in");
  if (optimizer_) base_rate_ = learning_rate(*optimizer_);
  fresh_progress();  // checks the early-stopping options before any training
}

std::string Trainer::schedule_description() const {
  if (!optimizer_) return "none (fitted directly)";
  return LearningRateSchedule(options_.schedule, base_rate_, options_.epochs, true).description();
}

Trainer::Progress Trainer::fresh_progress() const {
  EarlyStopping early_stopping({options_.monitor, options_.mode, options_.patience, options_.min_delta});
  std::optional<LearningRateSchedule> schedule;
  if (optimizer_ && model_->learns_by_gradient())
    schedule.emplace(options_.schedule, base_rate_, options_.epochs, early_stopping.minimises());
  Progress progress{{}, std::move(early_stopping), std::move(schedule), {}};
  progress.history.best_monitored = progress.early_stopping.best_value();
  return progress;
}

// Reads last.pt back into the model, optimizer, loss module, generators and `progress`, and replays the restored
// epochs to `on_epoch`. Returns false when there is nothing to resume from.
bool Trainer::resume(Progress& progress, const EpochCallback& on_epoch) {
  const auto last = options_.checkpoint_dir / "last.pt";
  if (!options_.resume || !std::filesystem::exists(last)) return false;
  const auto restored = load_training_checkpoint(last, {*model_, optimizer_, loss_.module(), loss_.module_optimizer(), options_.device});
  const auto& bookkeeping = restored.bookkeeping;
  progress.history = history_from_json(bookkeeping.at("history"));
  progress.early_stopping.restore(bookkeeping.at("early_stopping"));
  if (progress.schedule) progress.schedule->restore(bookkeeping.at("schedule"));
  progress.best_weights = restored.best_weights;
  JETSTUDY_CHECK(static_cast<int>(progress.history.epochs.size()) == restored.completed_epochs,
                 "last.pt: history and epoch count disagree");
  for (auto& record : progress.history.epochs) {
    record.restored = true;
    if (on_epoch) on_epoch(record);
  }
  return true;
}

// Fails before the first epoch, not after it, when early stopping watches a metric the experiment lacks.
void Trainer::check_monitor_is_computed(const Examples& val, const ValidationMetrics& validation_metrics) const {
  if (options_.monitor == "val_loss") return;
  const auto computed = validation_metrics ? validation_metrics(predict(*model_, val, options_.device), val)
                                           : std::map<std::string, double>{};
  EarlyStopping({options_.monitor, options_.mode, options_.patience, options_.min_delta}).check_computed(computed);
}

double Trainer::train_one_epoch(BatchStream& train, int epoch) {
  model_->train();
  if (!model_->learns_by_gradient()) {
    const auto all = train.all(options_.device);
    model_->fit_directly(all.network_input(), all.targets, all.weights.defined() ? all.weights : torch::ones_like(all.targets));
    return evaluate_loss(*model_, loss_, all, options_.device);
  }
  train.begin_epoch(epoch);
  double loss_sum = 0;
  std::int64_t seen = 0, step = 0;
  for (;;) {
    core::throw_if_interrupted();
    const auto next = train.next(options_.device);
    if (!next) break;
    const auto& batch = *next;
    const auto outputs = model_->forward(batch.network_input());
    loss_.before_step(batch.loss_input(outputs.detach()));
    optimizer_->zero_grad();
    const auto loss = loss_(batch.loss_input(outputs));
    const double value = loss.item<double>();
    ++step;
    if (!std::isfinite(value))
      throw std::runtime_error(fmt::format("training loss is {} at epoch {}, step {}: stopping (the last good "
                                           "checkpoint is kept); try a smaller learning rate",
                                           value, epoch, step));
    loss.backward();
    optimizer_->step();
    loss_sum += value * static_cast<double>(batch.size());
    seen += batch.size();
  }
  return loss_sum / static_cast<double>(std::max<std::int64_t>(seen, 1));
}

EpochRecord Trainer::train_and_validate(int epoch, Progress& progress, BatchStream& train, const Examples& val,
                                        const ValidationMetrics& validation_metrics) {
  const auto started = std::chrono::steady_clock::now();
  EpochRecord record;
  record.epoch = epoch;
  if (progress.schedule) {
    record.learning_rate = progress.schedule->rate(epoch);
    set_learning_rate(*optimizer_, record.learning_rate);
  }
  record.train_loss = train_one_epoch(train, epoch);
  record.val_loss = evaluate_loss(*model_, loss_, val, options_.device);
  if (validation_metrics) record.val_metrics = validation_metrics(predict(*model_, val, options_.device), val);
  record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return record;
}

// Early stopping and the schedule see the epoch; an improvement becomes the best weights.
void Trainer::book_epoch(EpochRecord& record, Progress& progress) {
  const double monitored = progress.early_stopping.monitored_value(record);
  record.improved = progress.early_stopping.epoch_finished(record.epoch, monitored);
  if (progress.schedule) progress.schedule->epoch_finished(monitored);
  if (record.improved) progress.best_weights = weights_of(*model_);
  auto& history = progress.history;
  history.epochs.push_back(record);
  history.best_epoch = progress.early_stopping.best_epoch();
  history.best_monitored = progress.early_stopping.best_value();
  history.stopped_early = finished(progress) && record.epoch < options_.epochs;
}

void Trainer::write_checkpoints(const Progress& progress, bool improved) {
  if (options_.checkpoint_dir.empty()) return;
  if (improved) save_checkpoint(*model_, options_.checkpoint_dir / "best.pt");
  const nlohmann::json bookkeeping = {
      {"history", history_to_json(progress.history)},
      {"early_stopping", progress.early_stopping.state()},
      {"schedule", progress.schedule ? progress.schedule->state() : nlohmann::json()},
  };
  save_training_checkpoint(options_.checkpoint_dir / "last.pt", {*model_, optimizer_, loss_.module(), loss_.module_optimizer(), options_.device},
                           {static_cast<int>(progress.history.epochs.size()), bookkeeping,
                            /*shuffle_engine=*/"", progress.best_weights});
}

bool Trainer::finished(const Progress& progress) const {
  if (progress.history.stopped_early || progress.early_stopping.should_stop()) return true;
  return !model_->learns_by_gradient() && !progress.history.epochs.empty();
}

void Trainer::restore_best_weights(const Progress& progress) {
  if (progress.best_weights.empty())
    throw std::runtime_error("the monitored quantity " + options_.monitor + " was never finite during training");
  torch::NoGradGuard no_grad;
  std::size_t i = 0;
  for (auto& parameter : model_->parameters()) parameter.copy_(progress.best_weights[i++]);
  for (auto& buffer : model_->buffers()) buffer.copy_(progress.best_weights[i++]);
}

TrainingHistory Trainer::fit(const Examples& train, const Examples& val, const ValidationMetrics& validation_metrics,
                             const EpochCallback& on_epoch) {
  InMemoryBatches batches(train, options_.batch_size, options_.seed);
  return fit(batches, val, validation_metrics, on_epoch);
}

TrainingHistory Trainer::fit(BatchStream& train, const Examples& val, const ValidationMetrics& validation_metrics,
                             const EpochCallback& on_epoch) {
  if (train.size() == 0) throw core::InputError("training split is empty: increase data.source.jets or split.train");
  if (val.size() == 0) throw core::InputError("validation split is empty: increase data.source.jets or split.val");
  model_->to(options_.device);
  auto progress = fresh_progress();
  stopped_at_epoch_ = 0;
  // TrainOptions::stop_requested is asked only when another epoch would follow; the answer true ends training.
  const auto stop_requested = [&] {
    const int trained = static_cast<int>(progress.history.epochs.size());
    if (!options_.stop_requested || trained >= options_.epochs || finished(progress)) return false;
    if (!options_.stop_requested(trained)) return false;
    stopped_at_epoch_ = trained;
    return true;
  };
  // A resumed run asks before training on, so a stop requested while it was away costs no extra epoch.
  const bool resumed = resume(progress, on_epoch);
  if (!resumed) check_monitor_is_computed(val, validation_metrics);
  const bool stopped_before = resumed && !progress.history.epochs.empty() && stop_requested();

  for (int epoch = static_cast<int>(progress.history.epochs.size()) + 1;
       !stopped_before && epoch <= options_.epochs && !finished(progress); ++epoch) {
    auto record = train_and_validate(epoch, progress, train, val, validation_metrics);
    book_epoch(record, progress);
    write_checkpoints(progress, record.improved);
    if (on_epoch) on_epoch(record);
    if (stop_requested()) break;
  }
  restore_best_weights(progress);
  return progress.history;
}

torch::Tensor predict(models::NetworkImpl& model, const Examples& examples, const torch::Device& device,
                      std::int64_t batch_size) {
  torch::NoGradGuard no_grad;
  model.eval();
  std::vector<torch::Tensor> outputs;
  for_each_batch(examples.size(), batch_size, [&](std::int64_t begin, std::int64_t end) {
    outputs.push_back(model.forward(examples.slice(begin, end, device).network_input()).to(torch::kCPU));
  });
  return outputs.empty() ? torch::empty({0}) : torch::cat(outputs, 0);
}

std::vector<float> predict_scores(models::NetworkImpl& model, const Examples& examples, const torch::Device& device,
                                  std::int64_t batch_size) {
  const auto probabilities = torch::sigmoid(predict(model, examples, device, batch_size)).contiguous();
  JETSTUDY_CHECK(probabilities.dim() == 1, "predict_scores needs a binary scorer (one logit per jet)");
  return {probabilities.data_ptr<float>(), probabilities.data_ptr<float>() + probabilities.numel()};
}

double evaluate_loss(models::NetworkImpl& model, const losses::Loss& loss, const Examples& examples,
                     const torch::Device& device, std::int64_t batch_size) {
  torch::NoGradGuard no_grad;
  model.eval();
  double sum = 0;
  for_each_batch(examples.size(), batch_size, [&](std::int64_t begin, std::int64_t end) {
    const auto batch = examples.slice(begin, end, device);
    sum += loss(batch.loss_input(model.forward(batch.network_input()))).item<double>() * static_cast<double>(end - begin);
  });
  return sum / static_cast<double>(std::max<std::int64_t>(examples.size(), 1));
}

}  // namespace jetstudy::train
