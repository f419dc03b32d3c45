#include "toolkit/metrics/multiclass.h"

#include <cmath>
#include <limits>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/metrics/sample_checks.h"

namespace jetstudy::metrics {

MulticlassMetrics multiclass_metrics(const std::vector<float>& probabilities, std::size_t classes,
                                     const std::vector<std::int64_t>& labels, const std::vector<double>& weights) {
  if (classes < 2) throw core::InputError("multiclass metrics: need at least 2 classes, got " + std::to_string(classes));
  const std::size_t jets = labels.size();
  if (probabilities.size() != jets * classes) {
    throw core::InputError("multiclass metrics: " + std::to_string(probabilities.size()) +
                           " probabilities for " + std::to_string(jets) + " jets of " + std::to_string(classes) +
                           " classes; expected " + std::to_string(jets * classes));
  }
  JETSTUDY_CHECK(weights.empty() || weights.size() == jets, "weights must be empty or one per jet");

  MulticlassMetrics result;
  result.classes = classes;
  result.confusion.assign(classes, std::vector<double>(classes, 0));
  double total = 0, correct = 0;
  for (std::size_t i = 0; i < jets; ++i) {
    const auto truth = labels[i];
    if (truth < 0 || truth >= static_cast<std::int64_t>(classes)) {
      throw core::InputError("multiclass metrics: the label of jet " + std::to_string(i) + " is " +
                             std::to_string(truth) + "; class indices run from 0 to " + std::to_string(classes - 1));
    }
    const double w = weight_of(weights, i);
    if (!(w >= 0)) {
      throw core::InputError("multiclass metrics: weights must be >= 0, found " + std::to_string(w) + " at jet " +
                             std::to_string(i));
    }
    const float* row = probabilities.data() + i * classes;
    std::size_t predicted = 0;
    for (std::size_t k = 0; k < classes; ++k) {
      if (std::isnan(row[k])) {
        throw core::InputError("multiclass metrics: the probability of class " + std::to_string(k) + " for jet " +
                               std::to_string(i) + " is NaN");
      }
      if (row[k] > row[predicted]) predicted = k;
    }
    result.confusion[static_cast<std::size_t>(truth)][predicted] += w;
    total += w;
    if (predicted == static_cast<std::size_t>(truth)) correct += w;
  }
  if (!(total > 0)) throw core::InputError("multiclass metrics: need at least one jet with weight > 0");
  result.accuracy = correct / total;

  // One-vs-rest: class k is the "signal", every other class the "background".
  for (std::size_t k = 0; k < classes; ++k) {
    std::vector<double> scores(jets), is_k(jets);
    double weight_k = 0;
    for (std::size_t i = 0; i < jets; ++i) {
      scores[i] = probabilities[i * classes + k];
      is_k[i] = labels[i] == static_cast<std::int64_t>(k) ? 1.0 : 0.0;
      weight_k += is_k[i] * weight_of(weights, i);
    }
    if (!(weight_k > 0 && weight_k < total)) {
      result.auc_one_vs_rest.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    result.auc_one_vs_rest.push_back(auc(roc_curve(scores, is_k, weights)));
  }
  return result;
}

MulticlassMetrics multiclass_metrics(const std::vector<std::vector<float>>& probabilities,
                                     const std::vector<std::int64_t>& labels, const std::vector<double>& weights) {
  if (probabilities.empty()) throw core::InputError("multiclass metrics: no jets");
  const std::size_t classes = probabilities.front().size();
  std::vector<float> flat;
  flat.reserve(probabilities.size() * classes);
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    if (probabilities[i].size() != classes) {
      throw core::InputError("multiclass metrics: jet " + std::to_string(i) + " has " +
                             std::to_string(probabilities[i].size()) + " class probabilities, jet 0 has " +
                             std::to_string(classes));
    }
    flat.insert(flat.end(), probabilities[i].begin(), probabilities[i].end());
  }
  return multiclass_metrics(flat, classes, labels, weights);
}

}  // namespace jetstudy::metrics
