#include "experiments/cross_evaluate.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "experiments/run_setup.h"
#include "experiments/test_evaluation.h"
#include "toolkit/core/error.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/dataset_spec.h"
#include "toolkit/models/builtin.h"
#include "toolkit/train/checkpoint.h"
#include "toolkit/train/device.h"
#include "toolkit/train/examples.h"
#include "toolkit/train/trainer.h"

namespace jetstudy::experiments {
namespace {

// The names of the run's labels (data::class_names): read from its recipe, so a binary run needs none of its
// source files any more.
std::vector<std::string> run_class_names(const nlohmann::json& run_config) {
  if (!run_config.at("data").at("source").contains("classes")) return data::JetDataset{}.classes;
  return data::class_names(data::dataset_spec_from_json(run_config).source);
}

// The network of the run, built for the other dataset's shapes, with the run's best weights.
std::shared_ptr<models::NetworkImpl> load_network(const std::string& run_hash, const nlohmann::json& run_config,
                                                  const std::filesystem::path& best_checkpoint,
                                                  const data::JetDataset& dataset, std::int64_t outputs,
                                                  train::Examples& test) {
  models::InputSpec input;
  input.channels = dataset.shape.channels;
  input.height = dataset.shape.height;
  input.width = dataset.shape.width;
  input.event_channels = dataset.event_shape.channels;
  input.event_height = dataset.event_shape.height;
  input.event_width = dataset.event_shape.width;
  input.outputs = outputs;
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
  return network;
}

// The run's own binary test evaluation (test_evaluation.h) on the other dataset's test split.
void record_binary_scores(const nlohmann::json& run_config, const data::Split& test, const std::vector<float>& scores,
                          const std::vector<float>& labels, store::EvaluationRecord& evaluation) {
  auto binary = evaluate_binary(run_config.at("evaluate").get<std::vector<std::string>>(), test, scores, labels);
  evaluation.metrics = std::move(binary.metrics);
  evaluation.curves["roc"] = std::move(binary.roc);
}

// Each of the other dataset's labels as the run's class index, matched by class name. Throws core::InputError
// naming both lists when the classes differ.
std::vector<std::int64_t> labels_as_run_classes(const std::string& run_hash, const std::vector<std::string>& run_classes,
                                                const data::JetDataset& dataset) {
  auto sorted_run = run_classes, sorted_other = dataset.classes;
  std::sort(sorted_run.begin(), sorted_run.end());
  std::sort(sorted_other.begin(), sorted_other.end());
  if (sorted_run != sorted_other)
    throw core::InputError(fmt::format("run {} was trained on the classes [{}] but the other dataset has [{}]; "
                                       "cross-evaluation needs the same class names (in any order)",
                                       run_hash, fmt::join(run_classes, ", "), fmt::join(dataset.classes, ", ")));
  std::vector<std::int64_t> as_run;
  for (const float label : dataset.test.labels) {
    const auto& name = dataset.classes.at(static_cast<std::size_t>(label));
    as_run.push_back(std::find(run_classes.begin(), run_classes.end(), name) - run_classes.begin());
  }
  return as_run;
}

void evaluate_classifier(const std::string& run_hash, const nlohmann::json& run_config,
                         const std::filesystem::path& best_checkpoint, data::JetDataset& dataset,
                         store::EvaluationRecord& evaluation) {
  const auto run_classes = run_class_names(run_config);
  const auto labels = labels_as_run_classes(run_hash, run_classes, dataset);
  const bool binary = run_classes.size() <= 2;
  auto test = train::view_examples(dataset.test, dataset.shape, dataset.event_shape);
  const auto network = load_network(run_hash, run_config, best_checkpoint, dataset,
                                    binary ? 1 : static_cast<std::int64_t>(run_classes.size()), test);
  const auto device = train::resolve_device("auto");
  network->to(device);
  if (binary) {
    // The run's signal is label 1: a dataset listing the two classes the other way round is scored as the run's.
    const std::vector<float> signal(labels.begin(), labels.end());
    record_binary_scores(run_config, dataset.test, train::predict_scores(*network, test, device), signal, evaluation);
    return;
  }
  const auto result = evaluate_multiclass_logits(run_classes, train::predict(*network, test, device), labels,
                                                 dataset.test.weights);
  for (const auto& [name, value] : result.metrics) evaluation.metrics[name] = value;
  evaluation.curves["confusion"] = result.confusion;
}

// An autoencoder's anomaly score on the other dataset: "signal" is every jet not of the class it was trained on,
// found by that class's name.
void evaluate_anomaly_search(const std::string& run_hash, const nlohmann::json& run_config,
                             const std::filesystem::path& best_checkpoint, data::JetDataset& dataset,
                             store::EvaluationRecord& evaluation) {
  const auto run_classes = run_class_names(run_config);
  const auto normal_index = run_config.at("experiment").at("train_on").get<std::size_t>();
  JETSTUDY_CHECK(normal_index < run_classes.size(), "a finished anomaly run trained on one of its classes");
  const auto& normal = run_classes[normal_index];
  const auto found = std::find(dataset.classes.begin(), dataset.classes.end(), normal);
  if (found == dataset.classes.end())
    throw core::InputError(fmt::format("run {} learnt the class '{}' (of [{}]); the other dataset has no such class "
                                       "([{}])",
                                       run_hash, normal, fmt::join(run_classes, ", "), fmt::join(dataset.classes, ", ")));
  auto test = train::view_examples(dataset.test, dataset.shape, dataset.event_shape);
  const auto network = load_network(run_hash, run_config, best_checkpoint, dataset, 1, test);
  const auto device = train::resolve_device("auto");
  network->to(device);
  const auto scores = reconstruction_scores(*network, test, run_config.at("loss").at("pixel_weight_power").get<double>(),
                                            device);
  const auto labels = anomaly_labels(dataset.test.labels, static_cast<int>(found - dataset.classes.begin()));
  record_binary_scores(run_config, dataset.test, scores, labels, evaluation);
}

}  // namespace

store::EvaluationRecord cross_evaluate(const std::string& run_hash, const nlohmann::json& run_config,
                                       const std::filesystem::path& best_checkpoint,
                                       const nlohmann::json& dataset_config, const std::filesystem::path& cache_directory,
                                       const std::string& label, const std::function<void(const std::string&)>& say) {
  const auto kind = run_config.at("experiment").at("kind").get<std::string>();
  if (kind == "generate")
    throw core::InputError("run " + run_hash + " is a generate run: a GAN is judged by the jets it generates "
                           "against its own dataset (test/mass_distance), not scored on another dataset; train a "
                           "generate run on that dataset to compare");
  if (kind == "regress")
    throw core::InputError("run " + run_hash + " is a regress run; cross-evaluation scores classify, decorrelate "
                           "and anomaly runs (a regressor's target scaling is not kept with its weights): add the "
                           "other dataset to a regress sweep instead");
  if (kind != "classify" && kind != "decorrelate" && kind != "anomaly")
    throw core::InputError("run " + run_hash + " is a " + kind + " run; cross-evaluation scores classify, "
                           "decorrelate and anomaly runs");
  // Only the test split is scored: the training images stay in the cache file.
  auto dataset = data::build_or_load_dataset(dataset_config, cache_directory, say, data::TrainImages::leave_in_file);

  store::EvaluationRecord evaluation;
  evaluation.run_hash = run_hash;
  evaluation.dataset_hash = dataset.hash;
  evaluation.label = label;
  if (kind == "anomaly") {
    evaluate_anomaly_search(run_hash, run_config, best_checkpoint, dataset, evaluation);
  } else {
    evaluate_classifier(run_hash, run_config, best_checkpoint, dataset, evaluation);
  }
  return evaluation;
}

}  // namespace jetstudy::experiments
