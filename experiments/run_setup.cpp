#include "experiments/run_setup.h"

#include <fmt/format.h>

#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/core/sha256.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/losses/builtin.h"
#include "toolkit/sched/rung_verdict.h"
#include "toolkit/train/device.h"
#include "toolkit/train/optimizers.h"

namespace jetstudy::experiments {

torch::Device configure_compute(const nlohmann::json& train_config) {
  const auto& threads = train_config.at("threads");
  train::set_compute_threads(
      train::resolve_threads(threads.is_string() ? threads.get<std::string>() : std::to_string(threads.get<int>())));
  return train::resolve_device(train_config.at("device").get<std::string>());
}

std::unique_ptr<PreparedData> prepare_data(const ExperimentContext& context, data::TrainImages train_images) {
  auto data = std::make_unique<PreparedData>();
  data->dataset = data::build_or_load_dataset(context.run.config, context.cache_directory, say_for(context), train_images);
  data->train = train::view_examples(data->dataset.train, data->dataset.shape, data->dataset.event_shape);
  data->val = train::view_examples(data->dataset.val, data->dataset.shape, data->dataset.event_shape);
  data->test = train::view_examples(data->dataset.test, data->dataset.shape, data->dataset.event_shape);
  return data;
}

std::unique_ptr<train::LoaderBatches> training_batches(const ExperimentContext& context, const PreparedData& data,
                                                       train::ToExamples to_examples, std::optional<int> only_label) {
  JETSTUDY_CHECK(!data.dataset.path.empty(), "streaming the training split needs the dataset's cache file");
  data::LoaderOptions options;
  options.batch_size = context.run.config.at("train").at("batch").get<std::int64_t>();
  options.seed = static_cast<std::uint64_t>(context.run.seed);
  options.only_label = only_label;
  return std::make_unique<train::LoaderBatches>(data.dataset.path, "train", options, std::move(to_examples));
}

train::ToExamples loader_examples(const PreparedData& data, const std::vector<std::string>& features) {
  return [shape = data.dataset.shape, event_shape = data.dataset.event_shape, features](data::Batch&& batch,
                                                                                        const torch::Device& device) {
    auto examples = train::data_batch_examples(std::move(batch), shape, event_shape, device);
    if (!features.empty()) examples.features = train::observer_features(examples, features);
    return examples;
  };
}

std::vector<std::string> attach_model_features(PreparedData& data, const nlohmann::json& model) {
  if (!model.contains("inputs")) return {};
  const auto names = model.at("inputs").get<std::vector<std::string>>();
  for (auto* split : {&data.train, &data.val, &data.test}) split->features = train::observer_features(*split, names);
  return names;
}

models::InputSpec input_spec_for(const PreparedData& data, const std::vector<std::string>& features,
                                 std::int64_t outputs) {
  models::InputSpec input;
  input.channels = data.dataset.shape.channels;
  input.height = data.dataset.shape.height;
  input.width = data.dataset.shape.width;
  input.event_channels = data.dataset.event_shape.channels;
  input.event_height = data.dataset.event_shape.height;
  input.event_width = data.dataset.event_shape.width;
  input.outputs = outputs;
  input.features = features;
  if (!features.empty()) {
    const auto& train = data.train.features;
    const auto mean = train.mean(0).contiguous(), spread = train.std(0).clamp_min(1e-6).contiguous();
    input.feature_mean.assign(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel());
    input.feature_std.assign(spread.data_ptr<float>(), spread.data_ptr<float>() + spread.numel());
  }
  return input;
}

std::shared_ptr<models::NetworkImpl> build_network(const nlohmann::json& model, const models::InputSpec& input,
                                                   std::int64_t seed, models::NetworkKind kind,
                                                   const std::string& experiment) {
  const auto arch = model.at("arch").get<std::string>();
  const auto& entry = models::find_architecture(arch);
  if (entry.kind != kind) {
    std::string fitting;
    for (const auto& candidate : models::architecture_table())
      if (candidate.kind == kind) fitting += (fitting.empty() ? "" : ", ") + std::string(candidate.name);
    throw core::InputError(fmt::format("model.arch: the {} experiment trains a {} network ({}); '{}' is a {}",
                                       experiment, models::network_kind_name(kind), fitting, arch,
                                       models::network_kind_name(entry.kind)));
  }
  torch::manual_seed(static_cast<std::uint64_t>(seed));
  return entry.make(model, input);
}

std::unique_ptr<losses::Loss> make_seeded_loss(const nlohmann::json& loss_config, std::int64_t seed) {
  torch::manual_seed(static_cast<std::uint64_t>(seed));
  return losses::make_loss(loss_config);
}

void check_loss_observers(const losses::Loss& loss, const nlohmann::json& loss_config, const data::Split& split) {
  for (const auto& name : loss.observers()) {
    if (split.observers.count(name)) continue;
    std::string have;
    for (const auto& [observer, values] : split.observers) have += (have.empty() ? "" : ", ") + observer;
    throw core::InputError(fmt::format("loss {} reads the observer '{}', which the dataset does not carry (it has: "
                                       "{}); add it to data.observers",
                                       loss_config.at("name").get<std::string>(), name, have));
  }
}

std::function<bool(int epoch)> scheduler_stop_hook(const std::filesystem::path& run_directory,
                                                   const std::function<void(const std::string&)>& say) {
  // The coordinator's ASHA asks a run to stop by creating stop-requested; at a rung epoch (asha.json) the run waits
  // for the coordinator's verdict rung-<epoch>.json, so the decision does not depend on timing (rung_verdict.h).
  return [run_directory, say](int epoch) {
    return sched::scheduler_asks_stop(run_directory, epoch, sched::RungWait{}, say);
  };
}

train::TrainOptions train_options(const nlohmann::json& train_config, std::int64_t seed,
                                  const std::filesystem::path& run_directory,
                                  const std::function<void(const std::string&)>& say) {
  auto options = train::train_options_from_recipe(train_config);
  options.seed = static_cast<std::uint64_t>(seed);
  options.checkpoint_dir = run_directory;
  options.resume = true;  // the run directory is the run's own: a last.pt there is this run's, interrupted or killed
  options.stop_requested = scheduler_stop_hook(run_directory, say);
  return options;
}

train::TrainingHistory train_network(const ExperimentContext& context, const std::shared_ptr<models::NetworkImpl>& model,
                                     losses::Loss& loss, train::BatchStream& train, const train::Examples& val,
                                     const train::ValidationMetrics& validation_metrics, store::RunOutcome& outcome) {
  const auto& train_config = context.run.config.at("train");
  const auto say = say_for(context);
  const auto parameters = models::count_parameters(*model);
  say(fmt::format("model: {} ({} parameters)", model->description(), parameters));
  std::unique_ptr<torch::optim::Optimizer> optimizer;
  if (model->learns_by_gradient()) optimizer = train::make_optimizer(train_config.at("optimizer"), model->parameters());

  const auto options = train_options(train_config, context.run.seed, context.run_directory, say);
  LearningRecorder recorder(context, outcome, options.epochs);
  train::Trainer trainer(model, loss, optimizer.get(), options);
  const auto history = trainer.fit(train, val, validation_metrics, std::ref(recorder));
  say(fmt::format("best epoch {} of {}{}", history.best_epoch, history.epochs.size(),
                  history.stopped_early ? " (stopped early)" : ""));
  outcome.metrics.push_back({"model", "parameters", static_cast<double>(parameters), std::nullopt});
  outcome.metrics.push_back({"train", "best_epoch", static_cast<double>(history.best_epoch), std::nullopt});
  if (trainer.stopped_at_epoch() > 0) {
    say(fmt::format("stopped after epoch {} on the scheduler's request (ASHA)", trainer.stopped_at_epoch()));
    outcome.metrics.push_back({"train", "stopped_at_epoch", static_cast<double>(trainer.stopped_at_epoch()), std::nullopt});
  }
  outcome.curves.push_back({"learning", recorder.curve()});
  return history;
}

std::vector<float> to_floats(const torch::Tensor& tensor) {
  const auto flat = tensor.to(torch::kFloat32).to(torch::kCPU).contiguous();
  return {flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel()};
}

std::vector<double> to_doubles(const std::vector<float>& values) { return {values.begin(), values.end()}; }

LearningRecorder::LearningRecorder(const ExperimentContext& context, store::RunOutcome& outcome, int epochs)
    : context_(context), outcome_(outcome), epochs_(epochs) {}

void LearningRecorder::operator()(const train::EpochRecord& record) {
  outcome_.metrics.push_back({"train", "loss", record.train_loss, record.epoch});
  outcome_.metrics.push_back({"val", "loss", record.val_loss, record.epoch});
  std::map<std::string, double> shown{{"train_loss", record.train_loss}, {"val_loss", record.val_loss}};
  curve_["epoch"].push_back(record.epoch);
  curve_["train_loss"].push_back(record.train_loss);
  curve_["val_loss"].push_back(record.val_loss);
  curve_["learning_rate"].push_back(record.learning_rate);
  outcome_.metrics.push_back({"train", "learning_rate", record.learning_rate, record.epoch});
  for (const auto& [name, value] : record.val_metrics) {
    outcome_.metrics.push_back({"val", name, value, record.epoch});
    curve_["val_" + name].push_back(value);
    shown["val_" + name] = value;
  }
  // Epochs a resumed run read back from its checkpoint are recorded, but were announced by the first attempt.
  if (!record.restored) context_.status.epoch_finished(context_.progress, record.epoch, epochs_, shown);
}

store::Artifact artifact(const std::string& kind, const std::filesystem::path& path) {
  return {kind, path.string(), core::sha256_file_hex(path)};
}

double storable(double value, double bound_if_infinite) { return std::isfinite(value) ? value : bound_if_infinite; }

std::function<void(const std::string&)> say_for(const ExperimentContext& context) {
  return [&context](const std::string& text) { context.status.message(context.progress, text); };
}

}  // namespace jetstudy::experiments
