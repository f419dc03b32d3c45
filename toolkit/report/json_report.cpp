#include "toolkit/report/json_report.h"

#include <cmath>

namespace jetstudy::report {
namespace {

using nlohmann::json;

json number(double value) {
  if (std::isfinite(value)) return value;
  if (std::isnan(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

json optional_number(const std::optional<double>& value) { return value ? number(*value) : json(nullptr); }

json run_json(const store::RunRecord& run) {
  return {{"hash", run.hash},
          {"seed", run.seed},
          {"status", store::to_string(run.status)},
          {"attempts", run.attempts},
          {"error", run.error},
          {"duration_s", optional_number(run.duration_s)},
          {"started_at", run.started_at},
          {"finished_at", run.finished_at},
          {"device", run.device},
          {"host", run.host},
          {"backend", run.backend},
          {"git_revision", run.git_revision},
          {"git_dirty", run.git_dirty},
          {"library_versions", run.library_versions.is_null() ? json::object() : run.library_versions}};
}

json configuration_json(const Configuration& configuration) {
  json metrics = json::object();
  for (const auto& [name, metric] : configuration.metrics) {
    json by_seed = json::object();
    for (const auto& [seed, value] : metric.by_seed) by_seed[std::to_string(seed)] = number(value);
    metrics[name] = {{"median", number(metric.summary.median)},
                     {"spread", optional_number(metric.summary.spread)},
                     {"count", metric.summary.count},
                     {"by_seed", by_seed}};
  }
  json runs = json::array();
  for (const store::RunRecord& run : configuration.runs) runs.push_back(run_json(run));
  json ensemble = nullptr;
  if (configuration.ensemble) {
    const Ensemble& e = *configuration.ensemble;
    ensemble = {{"members", e.members}, {"jets", e.jets},         {"auc", number(e.auc)},
                {"rejection@0.3", number(e.rejection_03)}, {"rejection@0.5", number(e.rejection_05)},
                {"sic_max", number(e.sic_max)},            {"roc", e.roc}};
  }
  json curves = json::object();
  for (const auto& [name, points] : configuration.curves) curves[name] = points;
  return {{"label", configuration.label},
          {"study", configuration.study},
          {"point", configuration.point},
          {"current", configuration.current},
          {"runs", runs},
          {"done", configuration.done_runs()},
          {"metrics", metrics},
          {"ensemble", ensemble},
          {"notes", configuration.notes},
          {"representative_run", configuration.representative_run},
          {"curves", curves}};
}

}  // namespace

nlohmann::json json_report(const StudyReport& report) {
  json configurations = json::array();
  for (const Configuration& configuration : report.configurations) configurations.push_back(configuration_json(configuration));
  json differences = json::array();
  for (const PairedDifference& d : report.differences)
    differences.push_back({{"configuration", d.configuration}, {"reference", d.reference}, {"metric", d.metric},
                           {"pairs", d.pairs}, {"mean", number(d.mean)},
                           {"standard_error", optional_number(d.standard_error)}});
  json expectations = json::array();
  for (const ExpectationCheck& check : report.expectations)
    expectations.push_back({{"study", check.study}, {"configuration", check.configuration}, {"metric", check.metric},
                            {"published", number(check.published)}, {"tolerance", number(check.tolerance)},
                            {"dataset", check.dataset}, {"ours", optional_number(check.ours)},
                            {"within", check.within()}});
  json provenance = json::array();
  for (const ProvenanceEntry& entry : report.provenance)
    provenance.push_back({{"what", entry.what}, {"value", entry.value}, {"runs", entry.runs}});
  json not_done = json::array();
  for (const RunNotDone& run : report.runs_not_done)
    not_done.push_back({{"configuration", run.configuration}, {"hash", run.hash}, {"seed", run.seed},
                        {"status", store::to_string(run.status)}, {"attempts", run.attempts}, {"error", run.error}});
  return {{"title", report.title},
          {"studies", report.studies},
          {"description", report.description},
          {"recipe", report.recipe_path},
          {"generated_at", report.generated_at},
          {"metrics", report.metrics},
          {"reference", report.reference},
          {"configurations", configurations},
          {"paired_differences", differences},
          {"expectations", expectations},
          {"provenance", provenance},
          {"runs_not_done", not_done},
          {"earlier_version_runs", {{"count", report.earlier_version_runs},
                                    {"included", report.earlier_versions_included}}},
          {"notes", report.notes}};
}

}  // namespace jetstudy::report
