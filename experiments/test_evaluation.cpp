#include "experiments/test_evaluation.h"

#include <algorithm>
#include <filesystem>

#include "toolkit/data/predictions_file.h"
#include "toolkit/metrics/evaluate.h"
#include "toolkit/metrics/roc.h"

namespace jetstudy::experiments {

void evaluate_binary_scores(const ExperimentContext& context, const PreparedData& data, const std::vector<float>& scores,
                            const std::vector<float>& labels, store::RunOutcome& outcome) {
  const auto& test = data.dataset.test;
  const double background_jets = static_cast<double>(std::count(labels.begin(), labels.end(), 0.0f));
  const auto metric_names = context.run.config.at("evaluate").get<std::vector<std::string>>();
  const auto input = metrics::evaluation_input(scores, labels, test.weights, test.observers);
  for (const auto& [name, value] : metrics::evaluate(metric_names, input))
    outcome.metrics.push_back({"test", name, storable(value, background_jets), std::nullopt});
  outcome.curves.push_back({"roc", metrics::compact_curve(metrics::roc_curve(scores, labels, test.weights))});

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
