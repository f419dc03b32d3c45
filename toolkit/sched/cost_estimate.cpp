#include "toolkit/sched/cost_estimate.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "toolkit/core/canonical_json.h"
#include "toolkit/recipe/run_identity.h"

namespace jetstudy::sched {

namespace {

void erase_path(nlohmann::json& config, const std::string& dotted) {
  nlohmann::json* map = &config;
  std::size_t start = 0;
  for (auto dot = dotted.find('.'); dot != std::string::npos; dot = dotted.find('.', start)) {
    const std::string part = dotted.substr(start, dot - start);
    if (!map->is_object() || !map->contains(part)) return;
    map = &(*map)[part];
    start = dot + 1;
  }
  if (map->is_object()) map->erase(dotted.substr(start));
}

// What a run computes apart from its seed and the swept keys, as canonical JSON.
std::string config_key(const nlohmann::json& config, const std::vector<std::string>& swept_keys) {
  nlohmann::json identity = recipe::identity_config(config);
  identity.erase("seed");
  for (const auto& key : swept_keys) erase_path(identity, key);
  return core::canonical_json(identity);
}

std::string tag_of(const nlohmann::json& config, const char* section, const char* tag) {
  if (!config.contains(section)) return "";
  const auto& value = config[section];
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && value.contains(tag) && value[tag].is_string()) return value[tag].get<std::string>();
  return "";
}

// "classify/deeptop".
std::string kind_key(const nlohmann::json& config) {
  return tag_of(config, "experiment", "kind") + "/" + tag_of(config, "model", "arch");
}

}  // namespace

std::vector<FinishedRun> finished_runs(const store::Store& store) {
  std::vector<FinishedRun> finished;
  std::set<std::string> seen;
  for (const auto& study : store.studies()) {
    for (auto& run : store.runs_of_study(study)) {
      if (run.status != store::RunStatus::done || !run.duration_s || !seen.insert(run.hash).second) continue;
      finished.push_back({run.hash, std::move(run.config), *run.duration_s});
    }
  }
  return finished;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  if (values.size() % 2 == 1) return *middle;
  const double upper = *middle;
  const double lower = *std::max_element(values.begin(), middle);
  return (lower + upper) / 2;
}

CostEstimate estimate_cost(const Plan& plan, const std::vector<FinishedRun>& finished) {
  CostEstimate estimate;
  estimate.runs_to_do = plan.count_to_do();
  if (finished.empty()) {
    estimate.unestimated = estimate.runs_to_do;
    return estimate;
  }

  std::set<std::string> swept;
  for (const auto& planned : plan.runs) {
    for (const auto& [key, value] : planned.spec.point.items()) swept.insert(key);
  }
  const std::vector<std::string> swept_keys(swept.begin(), swept.end());

  std::map<std::string, std::vector<double>> by_config, by_kind;
  for (const auto& run : finished) {
    by_config[config_key(run.config, swept_keys)].push_back(run.duration_s);
    by_kind[kind_key(run.config)].push_back(run.duration_s);
  }
  std::map<std::string, double> config_median, kind_median;
  for (const auto& [key, durations] : by_config) config_median[key] = median(durations);
  for (const auto& [key, durations] : by_kind) kind_median[key] = median(durations);

  // Runs that differ only in their seed share a key: compute it once per sweep point.
  std::unordered_map<std::string, std::string> key_of_point;
  for (const auto& planned : plan.runs) {
    if (!planned.to_do) continue;
    const std::string point = planned.spec.point.dump();
    auto key = key_of_point.find(point);
    if (key == key_of_point.end()) key = key_of_point.emplace(point, config_key(planned.spec.config, swept_keys)).first;
    if (const auto same = config_median.find(key->second); same != config_median.end()) {
      ++estimate.same_config;
      estimate.seconds += same->second;
    } else if (const auto kind = kind_median.find(kind_key(planned.spec.config)); kind != kind_median.end()) {
      ++estimate.same_kind;
      estimate.seconds += kind->second;
    } else {
      ++estimate.unestimated;
    }
  }
  return estimate;
}

}  // namespace jetstudy::sched
