// The test-split evaluation the experiment kinds share: the recipe's `evaluate:` metrics (weighted when the
// dataset carries weights), the ROC curve, the per-jet predictions file, and the run's checkpoints as artifacts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/experiment.h"
#include "experiments/run_setup.h"

namespace jetstudy::experiments {

// What a K-class classifier is judged by (metrics/multiclass.h): `metrics` holds accuracy and auc_<class>, the
// one-vs-rest AUC of each class where it is defined; `confusion` is the curve {"classes": [...], "matrix": [[...]]}
// (rows the true class, columns the predicted one).
struct MulticlassEvaluation {
  std::map<std::string, double> metrics;
  nlohmann::json confusion;
};

// logits: [N, K] network outputs; labels: the true class index of each jet in [0, K), classes[k] naming class k;
// weights: empty or one per jet.
MulticlassEvaluation evaluate_multiclass_logits(const std::vector<std::string>& classes, const torch::Tensor& logits,
                                                const std::vector<std::int64_t>& labels,
                                                const std::vector<float>& weights);

// The anomaly score of each example (Heimel et al., arXiv:1808.08979): how badly the autoencoder `model`
// reconstructs its image, losses::reconstruction_error with the recipe's loss.pixel_weight_power.
std::vector<float> reconstruction_scores(models::NetworkImpl& model, const train::Examples& examples,
                                         double pixel_weight_power, const torch::Device& device);

// An anomaly search's truth: 1 for a jet not of the class `normal` the autoencoder was trained on, else 0.
std::vector<float> anomaly_labels(const std::vector<float>& labels, int normal);

// What a binary scorer is judged by on a test split: the recipe's `evaluate:` metrics (weighted with the split's
// weights; an infinite rejection stored as the bound the sample resolves) and the compact ROC curve.
struct BinaryEvaluation {
  std::map<std::string, double> metrics;
  nlohmann::json roc;
};

// scores: one per test jet, larger = more signal-like; labels: 1 signal, 0 background (for an anomaly search,
// 1 = not the trained class); metric_names: the recipe's `evaluate:` list.
BinaryEvaluation evaluate_binary(const std::vector<std::string>& metric_names, const data::Split& test,
                                 const std::vector<float>& scores, const std::vector<float>& labels);

// evaluate_binary on the run's test split into the outcome, and the per-jet predictions file as an artifact.
void evaluate_binary_scores(const ExperimentContext& context, const PreparedData& data, const std::vector<float>& scores,
                            const std::vector<float>& labels, store::RunOutcome& outcome);

// best.pt and last.pt of the run directory.
void keep_checkpoints(const ExperimentContext& context, store::RunOutcome& outcome);

}  // namespace jetstudy::experiments
