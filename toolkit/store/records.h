// The values the store reads and writes: one struct per table row (or per part of a run's result).
// Column meanings are documented in docs/store.md.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/store/run_status.h"

namespace jetstudy::store {

// Where and with what a run executes; written when the run starts.
struct RunEnvironment {
  std::string backend;       // local | slurm | htcondor
  std::string host;          // the machine that trains (a worker node for slurm/htcondor)
  std::string device;        // cpu, cuda:0, ...
  std::string git_revision;  // of the jetstudy sources that were built
  bool git_dirty = false;    // uncommitted changes in that checkout
  nlohmann::json library_versions = nlohmann::json::object();  // {"libtorch": "2.1.2", "fastjet": "3.4.0", ...}
};

// One number a run produced, e.g. {"test", "auc", 0.981, nullopt} or {"val", "loss", 0.31, 12}.
struct MetricValue {
  std::string split;
  std::string name;
  double value = 0.0;          // must be finite: the store refuses NaN and infinities
  std::optional<int> epoch;    // nullopt: the final value of the run
};

// A curve (ROC, SIC, loss per epoch, ...) as JSON points, e.g. {"x": [...], "y": [...]}.
struct Curve {
  std::string name;
  nlohmann::json points;
};

// A file a run wrote (checkpoint, predictions, log), with its SHA-256 so a later reader can trust it.
struct Artifact {
  std::string kind;
  std::string path;
  std::string sha256;
};

// Everything a finished run reports; written in one transaction by Store::mark_done.
struct RunOutcome {
  std::vector<MetricValue> metrics;
  std::vector<Curve> curves;
  std::vector<Artifact> artifacts;
};

// A study: a recipe's name and its resolved configuration.
struct StudyRecord {
  std::string name;
  std::string recipe_path;
  nlohmann::json config;
  std::string created_at;  // UTC ISO-8601
  std::string updated_at;
  // 1 for a new study, one more each time upsert_study was given a configuration other than the stored one.
  int recipe_version = 1;
};

// One row of runs, plus (when read through a study) the sweep point and label it has in that study.
// Timestamps are UTC ISO-8601; an empty string means "not yet".
struct RunRecord {
  std::string hash;
  nlohmann::json config;
  std::int64_t seed = 0;
  RunStatus status = RunStatus::pending;
  int attempts = 0;
  std::string backend, host, device, git_revision;
  bool git_dirty = false;
  nlohmann::json library_versions;  // null until the run has started
  std::string error;                // why the last attempt failed or was interrupted; empty otherwise
  std::string created_at, started_at, finished_at;
  std::optional<double> duration_s;  // of the last finished attempt
  nlohmann::json point;              // sweep point in the study, e.g. {"train.optimizer.lr": 0.001}
  std::string label;                 // human-readable form of the point, e.g. "lr=1e-3"
  // Read through a study: the study's recipe version that last linked the run (add_run), and whether that is the
  // study's current version. false: the run was planned by an earlier version of the recipe (it was edited since).
  int recipe_version = 0;
  bool current = true;
};

// A built dataset in the HDF5 cache.
struct DatasetRecord {
  std::string hash;
  std::string path;
  nlohmann::json counts;  // e.g. {"train": {"signal": 80000, "background": 80000}, ...}
  std::string created_at;
};

// A finished run evaluated on another dataset than its own (cross-evaluation): which dataset, a label for
// tables ("herwig-like shower"), the test metrics by name and curves by name.
struct EvaluationRecord {
  std::string run_hash;
  std::string dataset_hash;
  std::string label;
  nlohmann::json metrics = nlohmann::json::object();  // {"auc": 0.93, ...}
  nlohmann::json curves = nlohmann::json::object();   // {"roc": {...}}
  std::string created_at;
};

}  // namespace jetstudy::store
