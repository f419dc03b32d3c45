#include "experiments/test_evaluation.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "toolkit/data/predictions_file.h"
#include "toolkit/losses/reconstruction.h"
#include "toolkit/metrics/evaluate.h"
#include "toolkit/metrics/multiclass.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/train/trainer.h"

namespace jetstudy::experiments {

MulticlassEvaluation evaluate_multiclass_logits(const std::vector<std::string>& classes, const torch::Tensor& logits,
                                                const std::vector<std::int64_t>& labels,
                                                const std::vector<float>& weights) {
  const auto probabilities = torch::softmax(logits, 1);
  const auto result = metrics::multiclass_metrics(to_floats(probabilities), classes.size(), labels,
                                                  std::vector<double>(weights.begin(), weights.end()));
  MulticlassEvaluation evaluation;
  evaluation.metrics["accuracy"] = result.accuracy;
  for (std::size_t k = 0; k < classes.size(); ++k)
    if (std::isfinite(result.auc_one_vs_rest[k])) evaluation.metrics["auc_" + classes[k]] = result.auc_one_vs_rest[k];
  evaluation.confusion = {{"classes", classes}, {"matrix", result.confusion}};
  return evaluation;
}

std::vector<float> reconstruction_scores(models::NetworkImpl& model, const train::Examples& examples,
                                         double pixel_weight_power, const torch::Device& device) {
  const auto reconstructed = train::predict(model, examples, device);
  return to_floats(losses::reconstruction_error(reconstructed, examples.images, pixel_weight_power));
}

std::vector<float> anomaly_labels(const std::vector<float>& labels, int normal) {
  std::vector<float> is_anomaly(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) is_anomaly[i] = static_cast<int>(labels[i]) == normal ? 0.0f : 1.0f;
  return is_anomaly;
}

BinaryEvaluation evaluate_binary(const std::vector<std::string>& metric_names, const data::Split& test,
                                 const std::vector<float>& scores, const std::vector<float>& labels) {
  const double background_jets = static_cast<double>(std::count(labels.begin(), labels.end(), 0.0f));
  const auto input = metrics::evaluation_input(scores, labels, test.weights, test.observers);
  BinaryEvaluation evaluation;
  for (const auto& [name, value] : metrics::evaluate(metric_names, input))
    evaluation.metrics[name] = storable(value, background_jets);
  evaluation.roc = metrics::compact_curve(metrics::roc_curve(scores, labels, test.weights));
  return evaluation;
}

void evaluate_binary_scores(const ExperimentContext& context, const PreparedData& data, const std::vector<float>& scores,
                            const std::vector<float>& labels, store::RunOutcome& outcome) {
  const auto& test = data.dataset.test;
  const auto evaluation =
      evaluate_binary(context.run.config.at("evaluate").get<std::vector<std::string>>(), test, scores, labels);
  for (const auto& [name, value] : evaluation.metrics) outcome.metrics.push_back({"test", name, value, std::nullopt});
  outcome.curves.push_back({"roc", evaluation.roc});

  const auto predictions_path = context.run_directory / "predictions.h5";
  data::write_predictions_file(predictions_path, {data.dataset.hash, scores, labels, test.observers});
  outcome.artifacts.push_back(artifact("predictions", predictions_path));
}

void keep_checkpoints(const ExperimentContext& context, store::RunOutcome& outcome) {
  for (const auto& [kind, file] : {std::pair{"checkpoint_best", "best.pt"}, std::pair{"checkpoint_last", "last.pt"}}) {
    const auto path = context.run_directory / file;
    if (std::filesystem::exists(path)) outcome.artifacts.push_back(artifact(kind, path));
  }
}

}  // namespace jetstudy::experiments
