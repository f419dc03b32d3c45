#include "toolkit/metrics/evaluate.h"

#include <charconv>
#include <optional>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/metrics/roc.h"

namespace jetstudy::metrics {
namespace {

const std::string kRejectionPrefix = "rejection@";

// The efficiency of "rejection@<eps>", nothing for other names; throws for a bad number.
std::optional<double> rejection_efficiency(const std::string& name) {
  if (name.rfind(kRejectionPrefix, 0) != 0) return std::nullopt;
  const std::string number = name.substr(kRejectionPrefix.size());
  double eps = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), eps);
  if (error != std::errc() || end != number.data() + number.size() || !(eps > 0 && eps < 1)) {
    throw core::InputError("evaluate: '" + name + "' needs a signal efficiency in (0, 1) after '@', e.g. rejection@0.3");
  }
  return eps;
}

}  // namespace

std::vector<std::string> metric_names() { return {"auc", "accuracy", "sic_max", "rejection@<eps>"}; }

void check_metric_name(const std::string& name) {
  if (name == "auc" || name == "accuracy" || name == "sic_max") return;
  if (rejection_efficiency(name)) return;
  // Suggest against concrete spellings so that "rejecton@0.3" gets "rejection@0.3".
  std::vector<std::string> candidates = {"auc", "accuracy", "sic_max"};
  const auto at = name.find('@');
  candidates.push_back(kRejectionPrefix + (at == std::string::npos ? "0.3" : name.substr(at + 1)));
  throw core::InputError("evaluate: unknown metric '" + name + "' (known: auc, accuracy, sic_max, rejection@<eps>)" +
                         core::did_you_mean(name, candidates));
}

std::map<std::string, double> evaluate(const std::vector<std::string>& names, const std::vector<double>& scores,
                                       const std::vector<double>& labels) {
  for (const auto& name : names) check_metric_name(name);
  std::map<std::string, double> values;
  std::optional<RocCurve> curve;
  auto roc = [&]() -> const RocCurve& {
    if (!curve) curve = roc_curve(scores, labels);
    return *curve;
  };
  for (const auto& name : names) {
    if (name == "auc") {
      values[name] = auc(roc());
    } else if (name == "accuracy") {
      values[name] = accuracy(scores, labels);
    } else if (name == "sic_max") {
      values[name] = sic_max(roc());
    } else {
      values[name] = rejection_at(roc(), *rejection_efficiency(name));
    }
  }
  return values;
}

std::map<std::string, double> evaluate(const std::vector<std::string>& names, const std::vector<float>& scores,
                                       const std::vector<float>& labels) {
  return evaluate(names, std::vector<double>(scores.begin(), scores.end()),
                  std::vector<double>(labels.begin(), labels.end()));
}

}  // namespace jetstudy::metrics
