#include "experiments/cross_evaluate.h"

#include "experiments/run_setup.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/metrics/evaluate.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/models/builtin.h"
#include "toolkit/train/checkpoint.h"
#include "toolkit/train/device.h"
#include "toolkit/train/examples.h"
#include "toolkit/train/trainer.h"

namespace jetstudy::experiments {

store::EvaluationRecord cross_evaluate(const std::string& run_hash, const nlohmann::json& run_config,
                                       const std::filesystem::path& best_checkpoint,
                                       const nlohmann::json& dataset_config, const std::filesystem::path& cache_directory,
                                       const std::string& label, const std::function<void(const std::string&)>& say) {
  const auto kind = run_config.at("experiment").at("kind").get<std::string>();
  if (kind != "classify" && kind != "decorrelate")
    throw core::InputError("run " + run_hash + " is a " + kind + " run; cross-evaluation scores classifiers "
                           "(classify, decorrelate)");
  auto dataset = data::build_or_load_dataset(dataset_config, cache_directory, say);
  if (dataset.classes.size() > 2)
    throw core::InputError("the other dataset has " + std::to_string(dataset.classes.size()) +
                           " classes; cross-evaluation scores binary classifiers");
  auto test = train::view_examples(dataset.test, dataset.shape, dataset.event_shape);

  models::InputSpec input;
  input.channels = dataset.shape.channels;
  input.height = dataset.shape.height;
  input.width = dataset.shape.width;
  input.event_channels = dataset.event_shape.channels;
  input.event_height = dataset.event_shape.height;
  input.event_width = dataset.event_shape.width;
  const auto& model_config = run_config.at("model");
  if (model_config.contains("inputs")) {
    input.features = model_config.at("inputs").get<std::vector<std::string>>();
    test.features = train::observer_features(test, input.features);
    // Placeholders: the run's own feature scaling is read from its checkpoint.
    input.feature_mean.assign(input.features.size(), 0.0f);
    input.feature_std.assign(input.features.size(), 1.0f);
  }
  auto network = models::make_architecture(model_config, input);
  try {
    train::load_checkpoint(*network, best_checkpoint);
  } catch (const core::InputError& error) {
    throw core::InputError(fmt::format("the other dataset's {} images do not fit run {}'s network: {}",
                                       input.to_string(), run_hash, error.what()));
  }
  const auto device = train::resolve_device("auto");
  network->to(device);
  const auto scores = train::predict_scores(*network, test, device);

  store::EvaluationRecord evaluation;
  evaluation.run_hash = run_hash;
  evaluation.dataset_hash = dataset.hash;
  evaluation.label = label;
  const auto& labels = dataset.test.labels;
  const double background_jets = static_cast<double>(std::count(labels.begin(), labels.end(), 0.0f));
  const auto names = run_config.at("evaluate").get<std::vector<std::string>>();
  const auto metric_input = metrics::evaluation_input(scores, labels, dataset.test.weights, dataset.test.observers);
  for (const auto& [name, value] : metrics::evaluate(names, metric_input))
    evaluation.metrics[name] = storable(value, background_jets);
  evaluation.curves["roc"] = metrics::compact_curve(metrics::roc_curve(scores, labels, dataset.test.weights));
  return evaluation;
}

}  // namespace jetstudy::experiments
