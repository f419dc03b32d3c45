// The metrics a recipe's `evaluate:` list names, computed from classifier scores and labels:
//   auc, accuracy, sic_max, rejection@<eps_s> (1/eps_B at signal efficiency eps_s, e.g. rejection@0.3).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace jetstudy::metrics {

// Values by name, in the order of std::map. Throws core::InputError for an unknown name (with the closest
// valid one) or a rejection@ efficiency outside (0, 1). rejection@ may be +infinity (no background passes).
std::map<std::string, double> evaluate(const std::vector<std::string>& names, const std::vector<double>& scores,
                                       const std::vector<double>& labels);
std::map<std::string, double> evaluate(const std::vector<std::string>& names, const std::vector<float>& scores,
                                       const std::vector<float>& labels);

// The names (and name patterns) the recipe schema accepts: "auc", "accuracy", "sic_max", "rejection@<eps>".
std::vector<std::string> metric_names();

// Throws core::InputError like evaluate() would for this name; for validating recipes early.
void check_metric_name(const std::string& name);

}  // namespace jetstudy::metrics
