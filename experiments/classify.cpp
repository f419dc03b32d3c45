#include "experiments/classify.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <cmath>

#include "toolkit/core/sha256.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/predictions_file.h"
#include "toolkit/losses/builtin.h"
#include "toolkit/metrics/evaluate.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/models/builtin.h"
#include "toolkit/train/device.h"
#include "toolkit/train/optimizers.h"
#include "toolkit/train/trainer.h"

namespace jetstudy::experiments {
namespace {

// The store keeps finite numbers only. A rejection of +inf (no background jet passes the cut) is stored as the
// bound the test sample can resolve: the number of background jets (as if one had passed).
double storable(double value, double bound_if_infinite) { return std::isfinite(value) ? value : bound_if_infinite; }

store::Artifact artifact(const std::string& kind, const std::filesystem::path& path) {
  return {kind, path.string(), core::sha256_file_hex(path)};
}

}  // namespace

store::RunOutcome run_classify(const ExperimentContext& context) {
  const auto& config = context.run.config;
  const auto& train_config = config.at("train");
  auto say = [&](const std::string& text) { context.status.message(context.progress, text); };

  const auto threads = train::resolve_threads(train_config.at("threads").is_string()
                                                  ? train_config.at("threads").get<std::string>()
                                                  : std::to_string(train_config.at("threads").get<int>()));
  torch::set_num_threads(threads);
  const auto device = train::resolve_device(train_config.at("device").get<std::string>());

  auto dataset = data::build_or_load_dataset(config, context.cache_directory, say);
  const models::InputSpec input{dataset.shape.channels, dataset.shape.height, dataset.shape.width};

  // The seed fixes the initial weights (set before the model is built) and the order of the training batches.
  torch::manual_seed(static_cast<std::uint64_t>(context.run.seed));
  auto model = models::make_architecture(config.at("model"), input);
  const auto parameters = models::count_parameters(*model);
  say(fmt::format("model: {} ({} parameters)", model->description(), parameters));
  const auto loss = losses::make_loss(config.at("loss"));
  auto optimizer = train::make_optimizer(train_config.at("optimizer"), model->parameters());

  train::TrainOptions options;
  options.batch_size = train_config.at("batch").get<std::int64_t>();
  options.epochs = train_config.at("epochs").get<int>();
  options.monitor = train_config.at("early_stop").at("monitor").get<std::string>();
  options.patience = train_config.at("early_stop").at("patience").get<int>();
  options.device = device;
  options.seed = static_cast<std::uint64_t>(context.run.seed);
  options.checkpoint_dir = context.run_directory;

  store::RunOutcome outcome;
  const auto validation_metrics = [](const torch::Tensor& logits, const train::Examples& validation) {
    const auto scores = torch::sigmoid(logits).contiguous();
    const auto labels = validation.targets.contiguous();
    return std::map<std::string, double>{{"auc", metrics::auc(metrics::roc_curve(
        std::vector<float>(scores.data_ptr<float>(), scores.data_ptr<float>() + scores.numel()),
        std::vector<float>(labels.data_ptr<float>(), labels.data_ptr<float>() + labels.numel())))}};
  };
  nlohmann::json learning = {{"epoch", nlohmann::json::array()}, {"train_loss", nlohmann::json::array()},
                             {"val_loss", nlohmann::json::array()}, {"val_auc", nlohmann::json::array()}};
  const auto on_epoch = [&](const train::EpochRecord& record) {
    outcome.metrics.push_back({"train", "loss", record.train_loss, record.epoch});
    outcome.metrics.push_back({"val", "loss", record.val_loss, record.epoch});
    for (const auto& [name, value] : record.val_metrics) outcome.metrics.push_back({"val", name, value, record.epoch});
    learning["epoch"].push_back(record.epoch);
    learning["train_loss"].push_back(record.train_loss);
    learning["val_loss"].push_back(record.val_loss);
    learning["val_auc"].push_back(record.val_metrics.at("auc"));
    context.status.epoch_finished(context.progress, record.epoch, options.epochs,
                                  {{"train_loss", record.train_loss}, {"val_loss", record.val_loss},
                                   {"val_auc", record.val_metrics.at("auc")}});
  };

  auto train_examples = train::view_examples(dataset.train, dataset.shape);
  auto val_examples = train::view_examples(dataset.val, dataset.shape);
  auto test_examples = train::view_examples(dataset.test, dataset.shape);
  train::Trainer trainer(model, *loss, optimizer.get(), options);
  const auto history = trainer.fit(train_examples, val_examples, validation_metrics, on_epoch);
  say(fmt::format("best epoch {} of {}{}", history.best_epoch, history.epochs.size(),
                  history.stopped_early ? " (stopped early)" : ""));

  // Test-split evaluation with the best epoch's weights.
  const auto scores = train::predict_scores(*model, test_examples, device);
  const auto& labels = dataset.test.labels;
  const double background_jets = static_cast<double>(std::count(labels.begin(), labels.end(), 0.0f));
  const auto metric_names = config.at("evaluate").get<std::vector<std::string>>();
  for (const auto& [name, value] : metrics::evaluate(metric_names, scores, labels))
    outcome.metrics.push_back({"test", name, storable(value, background_jets), std::nullopt});
  outcome.metrics.push_back({"test", "loss", train::evaluate_loss(*model, *loss, test_examples, device), std::nullopt});
  outcome.metrics.push_back({"model", "parameters", static_cast<double>(parameters), std::nullopt});
  outcome.metrics.push_back({"train", "best_epoch", static_cast<double>(history.best_epoch), std::nullopt});

  const auto predictions_path = context.run_directory / "predictions.h5";
  data::write_predictions_file(predictions_path, {dataset.hash, scores, labels, dataset.test.observers});

  outcome.curves.push_back({"roc", metrics::compact_curve(metrics::roc_curve(scores, labels))});
  outcome.curves.push_back({"learning", learning});
  outcome.artifacts.push_back(artifact("checkpoint_best", context.run_directory / "best.pt"));
  outcome.artifacts.push_back(artifact("checkpoint_last", context.run_directory / "last.pt"));
  outcome.artifacts.push_back(artifact("predictions", predictions_path));
  return outcome;
}

}  // namespace jetstudy::experiments
