// Metrics of a K-class classifier from its class probabilities: the confusion matrix (rows the true class,
// columns the predicted one, the argmax), the one-vs-rest AUC of each class (its probability as the score) and
// the accuracy. Plain vectors, no torch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace jetstudy::metrics {

struct MulticlassMetrics {
  std::size_t classes = 0;
  std::vector<std::vector<double>> confusion;  // [true][predicted], summed weights (counts when unweighted)
  std::vector<double> auc_one_vs_rest;         // per class; NaN when a class, or all the others, has no weight
  double accuracy = 0;                          // weighted fraction on the diagonal
};

// `probabilities` one row of K values per jet (K >= 2; softmax outputs, though only their order matters),
// `labels` the true class index in [0, K), `weights` empty or one per jet. The argmax takes the first of tied
// values (as torch.argmax). Throws core::InputError for rows of unequal length, a label outside [0, K), NaN
// probabilities, bad weights or a zero total weight.
MulticlassMetrics multiclass_metrics(const std::vector<std::vector<float>>& probabilities,
                                     const std::vector<std::int64_t>& labels, const std::vector<double>& weights = {});

// The same from a row-major [N, K] block (N * K values).
MulticlassMetrics multiclass_metrics(const std::vector<float>& probabilities, std::size_t classes,
                                     const std::vector<std::int64_t>& labels, const std::vector<double>& weights = {});

}  // namespace jetstudy::metrics
