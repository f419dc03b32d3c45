#include "toolkit/train/trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/train/checkpoint.h"

namespace jetstudy::train {
namespace {

// Runs `step(begin, end)` over [0, n) in slices of batch_size.
template <typename Step>
void for_each_batch(std::int64_t n, std::int64_t batch_size, Step&& step) {
  for (std::int64_t begin = 0; begin < n; begin += batch_size) step(begin, std::min(n, begin + batch_size));
}

}  // namespace

Trainer::Trainer(std::shared_ptr<models::NetworkImpl> model, losses::Loss& loss, torch::optim::Optimizer* optimizer,
                 TrainOptions options)
    : model_(std::move(model)), loss_(loss), optimizer_(optimizer), options_(std::move(options)) {
  JETSTUDY_CHECK(model_ != nullptr, "trainer needs a model");
  JETSTUDY_CHECK(optimizer_ != nullptr || !model_->learns_by_gradient(), "a network trained by gradient needs an optimizer");
  if (options_.batch_size < 1) throw core::InputError("train.batch: must be positive");
  if (options_.epochs < 1) throw core::InputError("train.epochs: must be positive");
}

bool Trainer::is_better(double candidate, double best) const {
  return options_.monitor == "val_loss" ? candidate < best : candidate > best;
}

double Trainer::train_one_epoch(const Examples& train, int epoch, std::mt19937_64& shuffle_engine) {
  model_->train();
  if (!model_->learns_by_gradient()) {
    const auto all = train.slice(0, train.size(), options_.device);
    model_->fit_directly(all.network_input(), all.targets, all.weights.defined() ? all.weights : torch::ones_like(all.targets));
    return evaluate_loss(*model_, loss_, train, options_.device);
  }
  std::vector<std::int64_t> order(static_cast<std::size_t>(train.size()));
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), shuffle_engine);
  const auto order_tensor = torch::from_blob(order.data(), {train.size()}, torch::kInt64);

  double loss_sum = 0;
  std::int64_t seen = 0, step = 0;
  for_each_batch(train.size(), options_.batch_size, [&](std::int64_t begin, std::int64_t end) {
    core::throw_if_interrupted();
    const auto batch = train.rows(order_tensor.slice(0, begin, end), options_.device);
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
    loss_sum += value * static_cast<double>(end - begin);
    seen += end - begin;
  });
  return loss_sum / static_cast<double>(std::max<std::int64_t>(seen, 1));
}

TrainingHistory Trainer::fit(const Examples& train, const Examples& val, const ValidationMetrics& validation_metrics,
                             const EpochCallback& on_epoch) {
  if (train.size() == 0) throw core::InputError("training split is empty: increase data.source.jets or split.train");
  if (val.size() == 0) throw core::InputError("validation split is empty: increase data.source.jets or split.val");
  model_->to(options_.device);
  std::mt19937_64 shuffle_engine(options_.seed);
  TrainingHistory history;
  history.best_monitored = options_.monitor == "val_loss" ? INFINITY : -INFINITY;
  const bool write_checkpoints = !options_.checkpoint_dir.empty();
  const auto best_path = options_.checkpoint_dir / "best.pt";
  // The best weights are also kept in memory, so restoring them does not depend on the file system.
  std::vector<torch::Tensor> best_weights;

  int epochs_without_improvement = 0;
  for (int epoch = 1; epoch <= options_.epochs; ++epoch) {
    const auto started = std::chrono::steady_clock::now();
    EpochRecord record;
    record.epoch = epoch;
    record.train_loss = train_one_epoch(train, epoch, shuffle_engine);
    record.val_loss = evaluate_loss(*model_, loss_, val, options_.device);
    if (validation_metrics) record.val_metrics = validation_metrics(predict(*model_, val, options_.device), val);
    record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    double monitored = record.val_loss;
    if (options_.monitor != "val_loss") {
      const auto metric = options_.monitor.substr(4);  // strip "val_"
      const auto found = record.val_metrics.find(metric);
      if (found == record.val_metrics.end())
        throw core::InputError("train.early_stop.monitor: '" + options_.monitor + "' is not computed on validation");
      monitored = found->second;
    }
    record.improved = is_better(monitored, history.best_monitored);
    if (record.improved) {
      history.best_monitored = monitored;
      history.best_epoch = epoch;
      epochs_without_improvement = 0;
      best_weights.clear();
      for (const auto& parameter : model_->parameters()) best_weights.push_back(parameter.detach().clone());
      for (const auto& buffer : model_->buffers()) best_weights.push_back(buffer.detach().clone());
      if (write_checkpoints) save_checkpoint(*model_, best_path);
    } else {
      ++epochs_without_improvement;
    }
    if (write_checkpoints) save_checkpoint(*model_, options_.checkpoint_dir / "last.pt");
    history.epochs.push_back(record);
    if (on_epoch) on_epoch(record);
    if (epochs_without_improvement >= options_.patience || !model_->learns_by_gradient()) {
      history.stopped_early = epoch < options_.epochs;
      break;
    }
  }

  if (best_weights.empty())
    throw std::runtime_error("the monitored quantity " + options_.monitor + " was never finite during training");
  // Restore the best epoch's weights.
  torch::NoGradGuard no_grad;
  std::size_t i = 0;
  for (auto& parameter : model_->parameters()) parameter.copy_(best_weights[i++]);
  for (auto& buffer : model_->buffers()) buffer.copy_(best_weights[i++]);
  return history;
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
