// What a comparison report says, before it is written as HTML, Markdown, CSV or JSON: the configurations (sweep
// points) of one study or of several runs and studies, each summarised over its seeds (median and spread), its
// ensemble (mean output over seeds, as the top-tagging landscape reports it, arXiv:1902.09914), paired differences
// to a reference configuration, the recipe's published figures beside ours, provenance, and the runs that are not
// done. Built from the store (and the runs' predictions.h5 files); writers only format it.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/report/ensemble.h"
#include "toolkit/report/paired_difference.h"
#include "toolkit/report/seed_statistics.h"
#include "toolkit/store/records.h"
#include "toolkit/store/store.h"

namespace jetstudy::report {

// Names of the figures that are not stored test metrics.
inline constexpr const char* kParametersMetric = "parameters";        // the model's trainable parameters
inline constexpr const char* kTrainingTimeMetric = "training_time_s";  // wall time of the run's last attempt

// One figure of merit of one configuration: the value of each done seed that reported it, and their summary.
struct MetricSummary {
  std::string name;
  std::map<std::int64_t, double> by_seed;
  SeedSummary summary;
};

// The runs of one sweep point of one study: they differ only in their seed.
struct Configuration {
  std::string label;  // unique within the report ("lr=1e-3", or "study / lr=1e-3" across studies)
  std::string study;
  // false: runs of an earlier version of the recipe (ReportOptions::include_earlier_versions), labelled
  // "lr=1e-3 (recipe v1)"; they are listed after the current configurations and enter no expectation check.
  bool current = true;
  nlohmann::json point;                      // the sweep point, {} for a study without a sweep
  std::vector<store::RunRecord> runs;        // every run, whatever its status, by seed
  std::map<std::string, MetricSummary> metrics;  // over the done runs; only metrics some done run has
  std::optional<Ensemble> ensemble;          // when at least two done runs left aligned predictions
  std::vector<std::string> notes;            // "no roc curve stored for 2 of 3 done runs", ...
  // Curves of one representative done run (the seed with the median AUC, else the first), by curve name, for
  // the figures: roc, learning, background_<observer>, image_maps, generation, ...
  std::string representative_run;
  std::map<std::string, nlohmann::json> curves;

  std::size_t done_runs() const;
};

// A published figure of the recipe's `expect:` beside our median for one configuration.
struct ExpectationCheck {
  std::string study;
  std::string configuration;
  std::string metric;
  double published = 0.0;
  double tolerance = 0.0;
  // The dataset the published figure was measured on: the expect entry's `dataset:` text, else the recipe's
  // data.source ("toptag_h5 (train: train.h5, ...)").
  std::string dataset;
  std::optional<double> ours;  // median over the done seeds; absent when no done run reported the metric
  bool within() const;         // |ours - published| <= tolerance; false without ours
};

// One line of provenance: what (git revision, device, library, dataset), its value, how many runs share it.
struct ProvenanceEntry {
  std::string what;
  std::string value;
  std::size_t runs = 0;
};

// A run that is not done (failed, interrupted, pending, running), listed with its error rather than hidden.
struct RunNotDone {
  std::string configuration;
  std::string hash;
  std::int64_t seed = 0;
  store::RunStatus status = store::RunStatus::pending;
  int attempts = 0;
  std::string error;
};

struct StudyReport {
  std::string title;                 // the study's name, or "comparison of a, b"
  std::vector<std::string> studies;  // the studies the configurations come from
  std::string description;           // the recipe's description (one study), else empty
  std::string recipe_path;           // one study's recipe, else empty
  std::string generated_at;          // UTC ISO-8601
  std::vector<std::string> metrics;  // metric columns in display order (test metrics, parameters, training time)
  std::vector<Configuration> configurations;
  std::string reference;             // label of the configuration differences are taken to
  std::vector<PairedDifference> differences;
  std::vector<ExpectationCheck> expectations;
  std::vector<ProvenanceEntry> provenance;
  std::vector<RunNotDone> runs_not_done;
  std::vector<std::string> notes;    // report-wide remarks (missing files, reference chosen, ...)
  // Runs of the studies planned by earlier versions of their recipes (edited since: docs/store.md "Recipe
  // versions"), and whether they are among the configurations (--all) or left out (the default).
  std::size_t earlier_version_runs = 0;
  bool earlier_versions_included = false;

  std::size_t run_count() const;
  const Configuration* configuration(const std::string& label) const;
};

struct ReportOptions {
  std::string reference;  // a configuration label; empty: the first configuration
  // Also show runs of earlier versions of the recipe (`--all`), as configurations of their own.
  bool include_earlier_versions = false;
  // Where relative predictions.h5 paths are looked up besides the working directory: <root>/runs/<hash>/.
  std::filesystem::path results_root;
  std::chrono::system_clock::time_point generated_at = std::chrono::system_clock::now();
};

// The report of one study. A study the store does not hold throws core::InputError listing those it does; an
// unknown --reference throws core::InputError listing the configurations.
StudyReport study_report(const store::Store& store, const std::string& study, const ReportOptions& options = {});

// The report of several runs (hash prefixes, as `jetstudy status STUDY` prints them) and studies, across studies.
// A name that is neither a study nor a run prefix throws core::InputError naming it and listing the studies.
StudyReport comparison_report(const store::Store& store, const std::vector<std::string>& runs_or_studies,
                              const ReportOptions& options = {});

// The line that says what happened to runs of earlier recipe versions: "3 runs of earlier versions of the recipe
// are not shown (--all to include them)", or with --all that they are included; empty when there are none.
std::string earlier_versions_remark(const StudyReport& report);

// Heading for a metric column: "AUC", "1/εB@0.3", "SIC max", ...; the name itself for unknown metrics.
std::string metric_heading(const std::string& metric);
// Decimals a metric deserves in tables (4 for AUC-like numbers, 1 for rejections, 0 for counts).
int metric_decimals(const std::string& metric);

// "generator (signal: top, background: qcd, jets: 20000)" / "toptag_h5 (train: a.h5, test: c.h5)" from a recipe's
// data.source block: the dataset the recipe's figures apply to.
std::string dataset_label(const nlohmann::json& source);

}  // namespace jetstudy::report
