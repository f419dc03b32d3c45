#include "toolkit/report/study_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>

#include "toolkit/core/canonical_json.h"
#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/store/find_study.h"
#include "toolkit/store/utc_time.h"

namespace jetstudy::report {
namespace {

using nlohmann::json;
using store::RunRecord;
using store::RunStatus;

// Test metrics in the order tables show them; any other test metric a run has follows, sorted by name.
const char* const kPreferredMetrics[] = {"auc",         "rejection@0.3", "rejection@0.5", "sic_max",
                                         "accuracy",    "jsd@0.5",       "mass_jsd@0.5",  "inverse_mass_jsd@0.5",
                                         "r50",         "ece",           "mass_distance"};
// Metrics paired differences are computed for (when the configurations have them).
const char* const kDifferenceMetrics[] = {"auc", "rejection@0.3", "rejection@0.5", "sic_max", "accuracy", "r50",
                                          "mass_jsd@0.5"};
constexpr const char* kTestSplit = "test";
constexpr const char* kPredictionsArtifact = "predictions";

// A run as the report sees it: which study it came from, with its point and label there.
struct StudyRun {
  std::string study;
  RunRecord run;
};

// The class of a multi-class study's one-vs-rest AUC ("auc_top" -> "top"); nullopt for other metrics.
std::optional<std::string> one_vs_rest_class(const std::string& metric) {
  constexpr std::string_view kPrefix = "auc_";
  if (metric.size() <= kPrefix.size() || metric.compare(0, kPrefix.size(), kPrefix) != 0) return std::nullopt;
  if (metric.rfind("auc_beyond_", 0) == 0) return std::nullopt;  // interpretability: AUC beyond an observable
  return metric.substr(kPrefix.size());
}

std::string point_label(const RunRecord& run) {
  if (!run.label.empty()) return run.label;
  if (run.point.is_null() || run.point.empty()) return "(default)";
  return core::canonical_json(run.point);
}

// Configurations in the order their first run appears; labels carry the study when several are compared.
std::vector<Configuration> group_into_configurations(const std::vector<StudyRun>& runs, bool several_studies) {
  std::vector<Configuration> configurations;
  std::map<std::string, std::size_t> index_of;
  for (const StudyRun& entry : runs) {
    // Runs of an earlier recipe version never share a row with current ones: their own configuration per version.
    const std::string version = entry.run.current ? "" : fmt::format(" (recipe v{})", entry.run.recipe_version);
    const std::string key = entry.study + '\n' + core::canonical_json(entry.run.point) + '\n' + version;
    const auto [where, inserted] = index_of.emplace(key, configurations.size());
    if (inserted) {
      Configuration configuration;
      configuration.study = entry.study;
      configuration.current = entry.run.current;
      configuration.point = entry.run.point.is_null() ? json::object() : entry.run.point;
      configuration.label =
          (several_studies ? entry.study + " / " + point_label(entry.run) : point_label(entry.run)) + version;
      configurations.push_back(std::move(configuration));
    }
    configurations[where->second].runs.push_back(entry.run);
  }
  // Current configurations first: the default reference and the expectation checks are theirs.
  std::stable_partition(configurations.begin(), configurations.end(),
                        [](const Configuration& configuration) { return configuration.current; });
  // Two points with one label (a recipe's labels collide): keep both, told apart by a number.
  std::map<std::string, int> seen;
  for (Configuration& configuration : configurations) {
    const int count = ++seen[configuration.label];
    if (count > 1) configuration.label += fmt::format(" ({})", count);
  }
  for (Configuration& configuration : configurations)
    std::stable_sort(configuration.runs.begin(), configuration.runs.end(),
                     [](const RunRecord& a, const RunRecord& b) { return a.seed < b.seed; });
  return configurations;
}

void add_value(Configuration& configuration, const std::string& metric, std::int64_t seed, double value) {
  MetricSummary& summary = configuration.metrics[metric];
  summary.name = metric;
  summary.by_seed.emplace(seed, value);  // a second run with the same seed (another study) keeps the first
}

// The predictions.h5 of a run: its stored path as written, else under <results>/runs/<hash>/.
std::optional<std::filesystem::path> predictions_file(const store::Store& store, const RunRecord& run,
                                                      const std::filesystem::path& results_root) {
  for (const store::Artifact& artifact : store.artifacts_of_run(run.hash)) {
    if (artifact.kind != kPredictionsArtifact) continue;
    const std::filesystem::path stored(artifact.path);
    if (std::filesystem::exists(stored)) return stored;
    if (!results_root.empty()) {
      const auto moved = results_root / "runs" / run.hash / stored.filename();
      if (std::filesystem::exists(moved)) return moved;
    }
  }
  return std::nullopt;
}

std::string runs_word(std::size_t n) { return n == 1 ? "run" : "runs"; }

// Metrics, curves, ensemble and notes of one configuration from the store.
void fill_configuration(const store::Store& store, Configuration& configuration, const ReportOptions& options,
                        const std::set<std::string>& curves_anywhere) {
  std::vector<const RunRecord*> done;
  for (const RunRecord& run : configuration.runs)
    if (run.status == RunStatus::done) done.push_back(&run);

  std::map<std::string, std::size_t> runs_with_curve;
  std::vector<std::filesystem::path> predictions;
  std::size_t without_predictions = 0;
  for (const RunRecord* run : done) {
    for (const store::MetricValue& metric : store.metrics_of_run(run->hash)) {
      if (metric.epoch) continue;
      if (metric.split == kTestSplit) add_value(configuration, metric.name, run->seed, metric.value);
      if (metric.split == "model" && metric.name == "parameters")
        add_value(configuration, kParametersMetric, run->seed, metric.value);
    }
    if (run->duration_s) add_value(configuration, kTrainingTimeMetric, run->seed, *run->duration_s);
    for (const std::string& name : store.curve_names(run->hash)) ++runs_with_curve[name];
    if (auto file = predictions_file(store, *run, options.results_root)) {
      predictions.push_back(*file);
    } else {
      ++without_predictions;
    }
  }
  for (auto& [name, metric] : configuration.metrics) {
    std::vector<double> values;
    for (const auto& [seed, value] : metric.by_seed) values.push_back(value);
    metric.summary = summarize_seeds(values);
  }

  // A curve some run of the report stored but some done runs of this configuration did not: say so.
  for (const std::string& name : curves_anywhere) {
    const std::size_t have = runs_with_curve.count(name) ? runs_with_curve.at(name) : 0;
    if (have < done.size())
      configuration.notes.push_back(
          fmt::format("no {} curve stored for {} of {} done {}", name, done.size() - have, done.size(), runs_word(done.size())));
  }

  if (predictions.size() >= 2) {
    try {
      configuration.ensemble = ensemble_of(predictions);
      if (without_predictions > 0)
        configuration.notes.push_back(fmt::format("ensemble of {} seeds: no predictions.h5 for {} {}",
                                                  predictions.size(), without_predictions, runs_word(without_predictions)));
    } catch (const core::InputError& error) {
      configuration.notes.push_back(std::string("no ensemble: ") + error.what());
    }
  } else if (done.size() >= 2) {
    configuration.notes.push_back(fmt::format("no ensemble: predictions.h5 found for {} of {} done runs",
                                              predictions.size(), done.size()));
  }

  // The representative run: the done seed whose AUC (a multi-class study: accuracy) is closest to the median, else
  // the first done run.
  if (done.empty()) return;
  const RunRecord* representative = done.front();
  auto auc = configuration.metrics.find("auc");
  if (auc == configuration.metrics.end()) auc = configuration.metrics.find("accuracy");
  if (auc != configuration.metrics.end()) {
    double best = INFINITY;
    for (const RunRecord* run : done) {
      const auto value = auc->second.by_seed.find(run->seed);
      if (value == auc->second.by_seed.end()) continue;
      const double distance = std::abs(value->second - auc->second.summary.median);
      if (distance < best) best = distance, representative = run;
    }
  }
  configuration.representative_run = representative->hash;
  for (const std::string& name : store.curve_names(representative->hash)) {
    if (auto curve = store.curve(representative->hash, name)) configuration.curves[name] = curve->points;
  }
}

// Metric columns: the preferred ones the configurations have, then the other test metrics, then cost figures.
std::vector<std::string> metric_columns(const std::vector<Configuration>& configurations) {
  std::set<std::string> present;
  for (const Configuration& configuration : configurations)
    for (const auto& [name, metric] : configuration.metrics) present.insert(name);
  std::vector<std::string> columns;
  for (const char* name : kPreferredMetrics)
    if (present.erase(name)) columns.push_back(name);
  const bool parameters = present.erase(kParametersMetric) > 0;
  const bool training_time = present.erase(kTrainingTimeMetric) > 0;
  columns.insert(columns.end(), present.begin(), present.end());
  if (parameters) columns.push_back(kParametersMetric);
  if (training_time) columns.push_back(kTrainingTimeMetric);
  return columns;
}

std::string choose_reference(const std::vector<Configuration>& configurations, const std::string& wanted) {
  if (configurations.empty()) return "";
  if (wanted.empty()) return configurations.front().label;
  std::vector<std::string> labels;
  for (const Configuration& configuration : configurations) {
    if (configuration.label == wanted) return wanted;
    labels.push_back(configuration.label);
  }
  throw core::InputError(fmt::format("--reference {}: no configuration with this label{}; the configurations are: {}",
                                     wanted, core::did_you_mean(wanted, labels), fmt::join(labels, ", ")));
}

std::vector<PairedDifference> differences_to(const std::vector<Configuration>& configurations,
                                             const std::string& reference_label) {
  std::vector<PairedDifference> differences;
  const auto reference = std::find_if(configurations.begin(), configurations.end(),
                                      [&](const Configuration& c) { return c.label == reference_label; });
  if (reference == configurations.end()) return differences;
  for (const Configuration& configuration : configurations) {
    if (configuration.label == reference_label) continue;
    // The binary figures, then the one-vs-rest AUCs of a multi-class study (auc_<class>) as they come.
    std::vector<std::string> metrics(std::begin(kDifferenceMetrics), std::end(kDifferenceMetrics));
    for (const auto& [name, summary] : reference->metrics)
      if (one_vs_rest_class(name)) metrics.push_back(name);
    for (const std::string& metric : metrics) {
      const auto ours = configuration.metrics.find(metric);
      const auto theirs = reference->metrics.find(metric);
      if (ours == configuration.metrics.end() || theirs == reference->metrics.end()) continue;
      auto difference = paired_difference(ours->second.by_seed, theirs->second.by_seed);
      if (!difference) continue;
      difference->configuration = configuration.label;
      difference->reference = reference_label;
      difference->metric = metric;
      differences.push_back(*difference);
    }
  }
  return differences;
}

std::vector<ExpectationCheck> expectation_checks(const store::Store& store, const std::vector<Configuration>& configurations) {
  std::vector<ExpectationCheck> checks;
  std::map<std::string, std::optional<store::StudyRecord>> studies;
  for (const Configuration& configuration : configurations) {
    if (!configuration.current) continue;  // the recipe's figures are compared with the recipe as it is now
    auto& record = studies[configuration.study];
    if (!record) record = store.study(configuration.study);
    if (!record || !record->config.is_object()) continue;
    const json expect = record->config.value("expect", json::object());
    if (!expect.is_object() || expect.empty()) continue;
    const json source = record->config.contains("data") ? record->config["data"].value("source", json::object())
                                                        : json::object();
    for (const auto& [metric, figure] : expect.items()) {
      if (!figure.is_object() || !figure.contains("value") || !figure["value"].is_number()) continue;
      ExpectationCheck check;
      check.study = configuration.study;
      check.configuration = configuration.label;
      check.metric = metric;
      check.published = figure["value"].get<double>();
      check.tolerance = figure.value("tolerance", 0.0);
      const auto published_on = figure.find("dataset");
      check.dataset = published_on != figure.end() && published_on->is_string() ? published_on->get<std::string>()
                                                                                : dataset_label(source);
      if (const auto ours = configuration.metrics.find(metric); ours != configuration.metrics.end())
        check.ours = ours->second.summary.median;
      checks.push_back(check);
    }
  }
  return checks;
}

std::vector<ProvenanceEntry> provenance_of(const std::vector<Configuration>& configurations) {
  std::map<std::pair<std::string, std::string>, std::size_t> counts;
  std::vector<std::pair<std::string, std::string>> order;
  const auto count = [&](const std::string& what, const std::string& value) {
    if (value.empty()) return;
    if (counts[{what, value}]++ == 0) order.push_back({what, value});
  };
  for (const Configuration& configuration : configurations) {
    for (const RunRecord& run : configuration.runs) {
      if (run.config.is_object() && run.config.contains("data")) {
        const json identity = {{"data", run.config["data"]}, {"images", run.config.value("images", json::object())}};
        count("dataset", core::content_hash(identity).substr(0, 16));
      }
      if (run.status == RunStatus::pending) continue;  // never started: no environment yet
      count("git revision", run.git_revision + (run.git_dirty ? " (dirty: uncommitted changes)" : ""));
      count("device", run.device);
      count("host", run.host);
      count("backend", run.backend);
      if (run.library_versions.is_object())
        for (const auto& [library, version] : run.library_versions.items())
          count("library", library + " " + (version.is_string() ? version.get<std::string>() : version.dump()));
    }
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ProvenanceEntry> entries;
  for (const auto& key : order) entries.push_back({key.first, key.second, counts[key]});
  return entries;
}

std::vector<RunNotDone> runs_not_done(const std::vector<Configuration>& configurations) {
  std::vector<RunNotDone> listed;
  for (const Configuration& configuration : configurations)
    for (const RunRecord& run : configuration.runs)
      if (run.status != RunStatus::done)
        listed.push_back({configuration.label, run.hash, run.seed, run.status, run.attempts, run.error});
  // Failures first: they need attention; then interrupted, running, pending.
  const auto rank = [](RunStatus status) {
    switch (status) {
      case RunStatus::failed: return 0;
      case RunStatus::interrupted: return 1;
      case RunStatus::running: return 2;
      default: return 3;
    }
  };
  std::stable_sort(listed.begin(), listed.end(),
                   [&](const RunNotDone& a, const RunNotDone& b) { return rank(a.status) < rank(b.status); });
  return listed;
}

StudyReport assemble(const store::Store& store, StudyReport report, const std::vector<StudyRun>& runs,
                     const ReportOptions& options) {
  report.generated_at = store::utc_iso8601(options.generated_at);
  report.configurations = group_into_configurations(runs, report.studies.size() > 1);

  std::set<std::string> curves_anywhere;
  for (const StudyRun& entry : runs)
    if (entry.run.status == RunStatus::done)
      for (const std::string& name : store.curve_names(entry.run.hash)) curves_anywhere.insert(name);
  for (Configuration& configuration : report.configurations)
    fill_configuration(store, configuration, options, curves_anywhere);

  report.metrics = metric_columns(report.configurations);
  report.reference = choose_reference(report.configurations, options.reference);
  report.differences = differences_to(report.configurations, report.reference);
  report.expectations = expectation_checks(store, report.configurations);
  report.provenance = provenance_of(report.configurations);
  report.runs_not_done = runs_not_done(report.configurations);
  if (runs.empty() && report.earlier_version_runs == 0) report.notes.push_back("the study has no runs yet");
  return report;
}

// Keeps the runs a report shows: the current ones, and with include_earlier_versions also those of earlier recipe
// versions; counts the latter either way.
void add_study_run(std::vector<StudyRun>& runs, StudyReport& report, const std::string& study, const RunRecord& run,
                   const ReportOptions& options) {
  if (!run.current) {
    ++report.earlier_version_runs;
    if (!options.include_earlier_versions) return;
  }
  runs.push_back({study, run});
}

}  // namespace

std::size_t Configuration::done_runs() const {
  return static_cast<std::size_t>(
      std::count_if(runs.begin(), runs.end(), [](const RunRecord& run) { return run.status == RunStatus::done; }));
}

bool ExpectationCheck::within() const {
  if (!ours) return false;
  return std::abs(*ours - published) <= tolerance * (1.0 + 1e-12) + 1e-12 * std::abs(published);
}

std::size_t StudyReport::run_count() const {
  std::size_t n = 0;
  for (const Configuration& configuration : configurations) n += configuration.runs.size();
  return n;
}

const Configuration* StudyReport::configuration(const std::string& label) const {
  for (const Configuration& configuration : configurations)
    if (configuration.label == label) return &configuration;
  return nullptr;
}

StudyReport study_report(const store::Store& store, const std::string& study, const ReportOptions& options) {
  const store::StudyRecord record = store::find_study(store, study);
  StudyReport report;
  report.title = study;
  report.studies = {study};
  report.recipe_path = record.recipe_path;
  if (record.config.is_object() && record.config.contains("description") && record.config["description"].is_string())
    report.description = record.config["description"].get<std::string>();
  report.earlier_versions_included = options.include_earlier_versions;
  std::vector<StudyRun> runs;
  for (const RunRecord& run : store.runs_of_study(study)) add_study_run(runs, report, study, run, options);
  if (runs.empty() && report.earlier_version_runs > 0)
    report.notes.push_back("the recipe as it is now has no runs yet: run it (jetstudy run) or use --all");
  return assemble(store, std::move(report), runs, options);
}

StudyReport comparison_report(const store::Store& store, const std::vector<std::string>& runs_or_studies,
                              const ReportOptions& options) {
  if (runs_or_studies.empty()) throw core::InputError("compare: name at least one run (hash prefix) or study");
  const std::vector<std::string> studies = store.studies();
  std::vector<StudyRun> runs;
  StudyReport report;
  report.earlier_versions_included = options.include_earlier_versions;
  std::set<std::pair<std::string, std::string>> included;  // (study, hash)
  std::vector<std::string> report_studies;
  // A run named by its hash is shown whatever version of its study's recipe planned it.
  std::set<std::pair<std::string, std::string>> left_out;  // (study, hash) of earlier versions, counted once
  const auto include = [&](const std::string& study, const RunRecord& run, bool named) {
    if (included.count({study, run.hash})) return;
    if (!run.current && !named && !options.include_earlier_versions) {
      if (left_out.insert({study, run.hash}).second) ++report.earlier_version_runs;
      return;
    }
    if (!run.current && !named) ++report.earlier_version_runs;
    if (left_out.erase({study, run.hash})) --report.earlier_version_runs;  // named after all: shown
    included.insert({study, run.hash});
    runs.push_back({study, run});
    if (std::find(report_studies.begin(), report_studies.end(), study) == report_studies.end())
      report_studies.push_back(study);
  };

  for (const std::string& item : runs_or_studies) {
    if (store.study(item)) {
      for (const RunRecord& run : store.runs_of_study(item)) include(item, run, false);
      continue;
    }
    std::string hash;
    try {
      hash = store.run_hash_with_prefix(item);
    } catch (const core::InputError& error) {
      throw core::InputError(fmt::format("compare: '{}' is neither a study{} nor a run ({}); the studies are: {}", item,
                                         core::did_you_mean(item, studies), error.what(),
                                         studies.empty() ? "(none yet)" : fmt::format("{}", fmt::join(studies, ", "))));
    }
    // The run with its point and label in the (first) study that holds it.
    bool found = false;
    for (const std::string& study : studies) {
      for (const RunRecord& run : store.runs_of_study(study)) {
        if (run.hash != hash) continue;
        include(study, run, true);
        found = true;
        break;
      }
      if (found) break;
    }
    if (!found) {
      auto run = store.run(hash);
      JETSTUDY_CHECK(run.has_value(), "run_hash_with_prefix returned a hash the store does not hold");
      run->label = hash.substr(0, 12);
      include("(no study)", *run, true);
    }
  }

  report.title = "comparison of " + fmt::format("{}", fmt::join(runs_or_studies, ", "));
  report.studies = report_studies;
  if (report_studies.size() == 1) {
    const auto record = store.study(report_studies.front());
    if (record) report.recipe_path = record->recipe_path;
  }
  return assemble(store, std::move(report), runs, options);
}

std::string earlier_versions_remark(const StudyReport& report) {
  const std::size_t n = report.earlier_version_runs;
  if (n == 0) return "";
  if (report.earlier_versions_included)
    return fmt::format("{} included, as configurations labelled \"(recipe vN)\"",
                       n == 1 ? std::string("1 run of an earlier version of the recipe is")
                              : fmt::format("{} runs of earlier versions of the recipe are", n));
  if (n == 1) return "1 run of an earlier version of the recipe is not shown (--all to include it)";
  return fmt::format("{} runs of earlier versions of the recipe are not shown (--all to include them)", n);
}

std::string metric_heading(const std::string& metric) {
  if (metric == "auc") return "AUC";
  if (const auto class_name = one_vs_rest_class(metric)) return "AUC " + *class_name + " vs rest";
  if (metric.rfind("rejection@", 0) == 0) return "1/εB@" + metric.substr(10);
  if (metric == "sic_max") return "SIC max";
  if (metric.rfind("jsd@", 0) == 0) return "JSD@" + metric.substr(4);
  if (metric == "r50") return "R50";
  if (metric == "ece") return "ECE";
  if (metric == kTrainingTimeMetric) return "training time [s]";
  return metric;
}

int metric_decimals(const std::string& metric) {
  if (metric.rfind("rejection@", 0) == 0 || metric == "r50" || metric == "r30") return 1;
  if (metric == kParametersMetric) return 0;
  if (metric == kTrainingTimeMetric) return 1;
  if (metric == "sic_max" || metric.rfind("inverse_", 0) == 0) return 2;
  return 4;
}

std::string dataset_label(const nlohmann::json& source) {
  if (!source.is_object() || !source.contains("kind")) return "(unknown dataset)";
  const json& kind = source["kind"];
  std::string label = kind.is_string() ? kind.get<std::string>() : kind.dump();
  std::vector<std::string> parts;
  for (const auto& [key, value] : source.items()) {
    if (key == "kind") continue;
    if (value.is_string()) {
      parts.push_back(key + ": " + value.get<std::string>());
    } else if (value.is_array() && !value.empty() && value.front().is_string()) {
      std::vector<std::string> names;
      for (const json& name : value) names.push_back(name.is_string() ? name.get<std::string>() : name.dump());
      parts.push_back(fmt::format("{}: {}", key, fmt::join(names, ", ")));
    } else {
      parts.push_back(key + ": " + value.dump());
    }
  }
  if (parts.empty()) return label;
  return fmt::format("{} ({})", label, fmt::join(parts, "; "));
}

}  // namespace jetstudy::report
