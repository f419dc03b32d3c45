// The metrics a recipe's `evaluate:` list names, computed from classifier scores and labels (weighted when the
// sample has weights):
//   auc              area under the ROC curve
//   accuracy         fraction right with the cut at 0.5
//   sic_max          maximum of eps_S / sqrt(eps_B)
//   ece              expected calibration error in 10 equal-width bins of the score (calibration.h; the score must
//                    be a probability)
//   rejection@<eps>  1/eps_B at signal efficiency eps_S (rejection@0.5 is R50)
//   jsd@<eps>        Jensen-Shannon divergence (base 2, 0..1) of the background mass distribution before and after
//                    the cut at signal efficiency eps_S (mass_sculpting.h); needs the observer `mass`
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace jetstudy::metrics {

// One evaluated sample: scores and labels (1 signal, 0 background) one per jet, weights empty (all 1) or one per
// jet, observers by name (one value per jet each; `mass` in GeV for jsd@).
struct EvaluationInput {
  std::vector<double> scores;
  std::vector<double> labels;
  std::vector<double> weights;
  std::map<std::string, std::vector<double>> observers;
  std::size_t jsd_mass_bins = 40;  // jsd@ histograms: equal-width bins spanning the background's mass range
};

// The input from what a data::Split holds (floats).
EvaluationInput evaluation_input(const std::vector<float>& scores, const std::vector<float>& labels,
                                 const std::vector<float>& weights = {},
                                 const std::map<std::string, std::vector<float>>& observers = {});

// Values by name, in the order of std::map. Throws core::InputError for an unknown name (with the closest valid
// one), an efficiency after '@' outside (0, 1), or an observer a metric needs and the input lacks (naming it).
// rejection@ may be +infinity (no background passes); jsd@ is NaN when no background passes the cut.
std::map<std::string, double> evaluate(const std::vector<std::string>& names, const EvaluationInput& input);
std::map<std::string, double> evaluate(const std::vector<std::string>& names, const std::vector<double>& scores,
                                       const std::vector<double>& labels);
std::map<std::string, double> evaluate(const std::vector<std::string>& names, const std::vector<float>& scores,
                                       const std::vector<float>& labels);

// The names (and name patterns) the recipe schema accepts:
// "auc", "accuracy", "sic_max", "ece", "rejection@<eps>", "jsd@<eps>".
std::vector<std::string> metric_names();

// Throws core::InputError like evaluate() would for this name; for validating recipes early.
void check_metric_name(const std::string& name);

}  // namespace jetstudy::metrics
