#include "toolkit/metrics/evaluate.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/metrics/calibration.h"
#include "toolkit/metrics/mass_sculpting.h"
#include "toolkit/metrics/roc.h"

namespace jetstudy::metrics {
namespace {

const std::vector<std::string> kPlainNames = {"auc", "accuracy", "sic_max", "ece"};
const std::string kRejectionPrefix = "rejection@";
const std::string kJsdPrefix = "jsd@";
const std::string kMassObserver = "mass";

// The efficiency of "<prefix><eps>" (e.g. "rejection@0.3"), nothing for names without the prefix; throws for a
// bad number.
std::optional<double> efficiency_after(const std::string& name, const std::string& prefix) {
  if (name.rfind(prefix, 0) != 0) return std::nullopt;
  const std::string number = name.substr(prefix.size());
  double eps = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), eps);
  if (error != std::errc() || end != number.data() + number.size() || !(eps > 0 && eps < 1)) {
    throw core::InputError("evaluate: '" + name + "' needs a signal efficiency in (0, 1) after '@', e.g. " + prefix +
                           "0.3");
  }
  return eps;
}

std::vector<double> to_double(const std::vector<float>& values) { return {values.begin(), values.end()}; }

// The jsd@ histogram range: the background's mass from its lowest to its highest value.
SculptingOptions mass_histogram(const EvaluationInput& input, double eps_s) {
  const auto& mass = input.observers.at(kMassObserver);
  SculptingOptions options;
  options.signal_efficiency = eps_s;
  options.bins = input.jsd_mass_bins;
  bool first = true;
  for (std::size_t i = 0; i < mass.size() && i < input.labels.size(); ++i) {
    if (input.labels[i] != 0.0 || std::isnan(mass[i])) continue;  // mass_sculpting reports the NaN
    options.low = first ? mass[i] : std::min(options.low, mass[i]);
    options.high = first ? mass[i] : std::max(options.high, mass[i]);
    first = false;
  }
  if (!(options.high > options.low)) options.high = options.low + 1;  // one mass value: any bin holds it
  return options;
}

}  // namespace

std::vector<std::string> metric_names() {
  return {"auc", "accuracy", "sic_max", "ece", "rejection@<eps>", "jsd@<eps>"};
}

void check_metric_name(const std::string& name) {
  if (std::find(kPlainNames.begin(), kPlainNames.end(), name) != kPlainNames.end()) return;
  if (efficiency_after(name, kRejectionPrefix) || efficiency_after(name, kJsdPrefix)) return;
  // Suggest against concrete spellings so that "rejecton@0.3" gets "rejection@0.3".
  std::vector<std::string> candidates = kPlainNames;
  const auto at = name.find('@');
  const std::string eps = at == std::string::npos ? "0.5" : name.substr(at + 1);
  candidates.push_back(kRejectionPrefix + eps);
  candidates.push_back(kJsdPrefix + eps);
  throw core::InputError("evaluate: unknown metric '" + name +
                         "' (known: auc, accuracy, sic_max, ece, rejection@<eps>, jsd@<eps>)" +
                         core::did_you_mean(name, candidates));
}

EvaluationInput evaluation_input(const std::vector<float>& scores, const std::vector<float>& labels,
                                 const std::vector<float>& weights,
                                 const std::map<std::string, std::vector<float>>& observers) {
  EvaluationInput input{to_double(scores), to_double(labels), to_double(weights), {}};
  for (const auto& [name, values] : observers) input.observers[name] = to_double(values);
  return input;
}

std::map<std::string, double> evaluate(const std::vector<std::string>& names, const EvaluationInput& input) {
  for (const auto& name : names) {
    check_metric_name(name);
    if (!efficiency_after(name, kJsdPrefix) || input.observers.count(kMassObserver)) continue;
    std::string available;
    for (const auto& [observer, values] : input.observers) available += (available.empty() ? "" : ", ") + observer;
    throw core::InputError("evaluate: '" + name + "' needs the observer '" + kMassObserver +
                           "' (the background mass before and after the cut); the sample has " +
                           (available.empty() ? "no observers" : "only: " + available));
  }

  std::map<std::string, double> values;
  std::optional<RocCurve> curve;
  auto roc = [&]() -> const RocCurve& {
    if (!curve) curve = roc_curve(input.scores, input.labels, input.weights);
    return *curve;
  };
  for (const auto& name : names) {
    if (name == "auc") {
      values[name] = auc(roc());
    } else if (name == "accuracy") {
      values[name] = accuracy(input.scores, input.labels, input.weights);
    } else if (name == "sic_max") {
      values[name] = sic_max(roc());
    } else if (name == "ece") {
      values[name] = expected_calibration_error(input.scores, input.labels, input.weights);
    } else if (const auto eps = efficiency_after(name, kJsdPrefix)) {
      values[name] = mass_sculpting(input.scores, input.labels, input.observers.at(kMassObserver), input.weights,
                                    mass_histogram(input, *eps))
                         .jsd;
    } else {
      values[name] = rejection_at(roc(), *efficiency_after(name, kRejectionPrefix));
    }
  }
  return values;
}

std::map<std::string, double> evaluate(const std::vector<std::string>& names, const std::vector<double>& scores,
                                       const std::vector<double>& labels) {
  return evaluate(names, EvaluationInput{scores, labels, {}, {}});
}

std::map<std::string, double> evaluate(const std::vector<std::string>& names, const std::vector<float>& scores,
                                       const std::vector<float>& labels) {
  return evaluate(names, evaluation_input(scores, labels));
}

}  // namespace jetstudy::metrics
