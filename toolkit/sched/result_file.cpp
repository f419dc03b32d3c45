#include "toolkit/sched/result_file.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"

namespace jetstudy::sched {
namespace {

nlohmann::json to_json(const store::RunOutcome& outcome) {
  nlohmann::json metrics = nlohmann::json::array(), curves = nlohmann::json::array(),
                 artifacts = nlohmann::json::array();
  for (const auto& metric : outcome.metrics) {
    nlohmann::json entry = {{"split", metric.split}, {"name", metric.name}, {"value", metric.value}};
    if (metric.epoch) entry["epoch"] = *metric.epoch;
    metrics.push_back(std::move(entry));
  }
  for (const auto& curve : outcome.curves) curves.push_back({{"name", curve.name}, {"points", curve.points}});
  for (const auto& artifact : outcome.artifacts)
    artifacts.push_back({{"kind", artifact.kind}, {"path", artifact.path}, {"sha256", artifact.sha256}});
  return {{"metrics", metrics}, {"curves", curves}, {"artifacts", artifacts}};
}

store::RunOutcome outcome_from_json(const nlohmann::json& json) {
  store::RunOutcome outcome;
  for (const auto& entry : json.at("metrics")) {
    store::MetricValue metric{entry.at("split"), entry.at("name"), entry.at("value"), std::nullopt};
    if (entry.contains("epoch")) metric.epoch = entry.at("epoch").get<int>();
    outcome.metrics.push_back(std::move(metric));
  }
  for (const auto& entry : json.at("curves")) outcome.curves.push_back({entry.at("name"), entry.at("points")});
  for (const auto& entry : json.at("artifacts"))
    outcome.artifacts.push_back({entry.at("kind"), entry.at("path"), entry.at("sha256")});
  return outcome;
}

}  // namespace

void write_result_file(const std::filesystem::path& path, const RunResult& result) {
  const nlohmann::json json = {
      {"format_version", 1}, {"hash", result.hash}, {"duration_s", result.duration_s}, {"outcome", to_json(result.outcome)}};
  core::write_file_atomically(path, json.dump(1));
}

std::optional<RunResult> read_result_file(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    const auto json = nlohmann::json::parse(core::read_file(path));
    return RunResult{json.at("hash"), outcome_from_json(json.at("outcome")), json.at("duration_s")};
  } catch (const nlohmann::json::exception& error) {
    throw core::InputError(path.string() + ": corrupt result file: " + error.what());
  }
}

bool ingest_existing_result(store::Store& store, const ResultsLayout& layout, const recipe::RunSpec& run,
                            store::RunEnvironment environment, bool force) {
  const auto path = layout.result_file(run.hash);
  if (force) {
    std::filesystem::remove(path);
    return false;
  }
  const auto result = read_result_file(path);
  if (!result || result->hash != run.hash) return false;
  environment.device = "(ingested from result.json)";
  store.mark_running(run.hash, environment, /*force=*/false);
  store.mark_done(run.hash, result->outcome, result->duration_s);
  return true;
}

}  // namespace jetstudy::sched
