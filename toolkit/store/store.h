// The result store: one SQLite database (results/jetstudy.sqlite, WAL mode) holding studies, runs and what
// they produced. Every write is one transaction, so the database is consistent after any failure; several
// processes may open the same file (WAL + a 10 s busy timeout). Schema and status rules: docs/store.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "toolkit/store/records.h"
#include "toolkit/store/run_status.h"

namespace SQLite {
class Database;
}

namespace jetstudy::store {

// SQLite failed under us (disk full, lock held past the busy timeout, ...). what() names the database file
// and the operation. A run failure for the CLI (exit 1), not bad input.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether a process with this id exists on this machine (kill(pid, 0)).
bool process_exists(std::int64_t pid);

// A connection to the result store. Not shareable between threads; open one Store per thread or process.
class Store {
 public:
  // Busy timeout for every connection: how long a write waits for another process's write to finish.
  static constexpr int kBusyTimeoutMs = 10000;

  // Opens (creating if needed) the database file and its directory, switches to WAL, and applies missing
  // schema migrations. Throws core::InputError naming the path when the directory cannot be created or
  // written, the file is not a jetstudy database, or it was written by a newer jetstudy.
  static Store open(const std::filesystem::path& database_file);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::filesystem::path& path() const { return path_; }

  // --- studies -----------------------------------------------------------------------------------------
  // Creates the study or updates its recipe path and configuration (created_at is kept). A configuration that
  // differs from the stored one (canonical JSON) starts a new recipe version: the runs linked so far become runs of
  // an earlier version (RunRecord::current false) until add_run links them again. The coordinators call upsert_study
  // and then add_run for every planned run, so after `jetstudy run` exactly the runs of the recipe as it is now are
  // current; the same configuration again keeps the version (and the runs added to it, e.g. by import-scores).
  void upsert_study(const std::string& name, const std::string& recipe_path, const nlohmann::json& config);
  std::vector<std::string> studies() const;  // names, sorted
  std::optional<StudyRecord> study(const std::string& name) const;

  // --- runs --------------------------------------------------------------------------------------------
  // Registers a run (status pending) unless a run with this hash exists, and links it to `study` with its
  // sweep point and label, stamped with the study's current recipe version (a second add_run for the same study
  // updates point, label and version: a run of an earlier version planned again is current again). The study must
  // exist. An existing run with the same hash but another seed or config is a hash collision or our bug:
  // InternalError.
  void add_run(const std::string& study, const std::string& hash, const nlohmann::json& config,
               std::int64_t seed, const nlohmann::json& point, const std::string& label);

  std::optional<RunStatus> run_status(const std::string& hash) const;
  std::optional<RunRecord> run(const std::string& hash) const;  // point/label empty: they belong to a study
  // The full hash of the run whose hash starts with `prefix` (as `jetstudy status` prints 12 characters).
  // Throws core::InputError when no run or more than one matches.
  std::string run_hash_with_prefix(const std::string& prefix) const;
  // Every run ever linked to the study, in the order they were added, each with its point, label, recipe version
  // and whether it is current (of the study's recipe as it is now). Reports keep the current ones by default.
  std::vector<RunRecord> runs_of_study(const std::string& study) const;

  // Starts an attempt: status running, attempts + 1, started_at now, error and the previous finish cleared,
  // the environment recorded, and the run claimed by this process (host + pid, see interrupt_orphaned_runs).
  // Allowed from pending, failed and interrupted; from done only with force; otherwise InternalError.
  // `claimed_by_pid`: the process that trains the run when it is not this one (a worker of the local pool), so
  // that the claim dies with the run; nullopt claims it for this process.
  void mark_running(const std::string& hash, const RunEnvironment& environment, bool force = false,
                    std::optional<std::int64_t> claimed_by_pid = std::nullopt);

  // Finishes a running run successfully in ONE transaction: the run's previous metrics, curves and artifacts
  // are replaced by `outcome`, status becomes done. A metric that is not finite (NaN, inf), an empty metric
  // name or split, or two curves with one name throw InternalError and leave the run exactly as it was.
  void mark_done(const std::string& hash, const RunOutcome& outcome, double duration_s);

  // Finishes a running run unsuccessfully; its earlier results (of a forced re-run) stay but are not "done".
  void mark_failed(const std::string& hash, const std::string& error, double duration_s);
  void mark_interrupted(const std::string& hash, double duration_s);

  // Runs left 'running' by a process that died (killed, crashed, machine rebooted) become interrupted, so
  // they are retried. A running run is orphaned when it was claimed on this host by a process id for which
  // `process_alive` is false; runs claimed on other hosts are left alone (their scheduler decides). Pid
  // reuse can hide an orphan until that pid is gone; it never interrupts a live run. Returns the hashes.
  std::vector<std::string> interrupt_orphaned_runs(
      const std::function<bool(std::int64_t pid)>& process_alive = process_exists);

  // --- results -----------------------------------------------------------------------------------------
  // Per-epoch values of a running run as its worker reports them (epochs.jsonl), so reports and ASHA see them
  // while it trains: each value must have an epoch and be finite (InternalError otherwise); a value for the same
  // (split, name, epoch) replaces the earlier one, so reading a report twice changes nothing. Ignored unless the
  // run is running (a late report must not add to a finished run). mark_done later replaces all of the run's
  // metrics with its outcome.
  void record_epoch_metrics(const std::string& hash, const std::vector<MetricValue>& values);

  std::vector<MetricValue> metrics_of_run(const std::string& hash) const;  // split, name, epoch order
  std::optional<Curve> curve(const std::string& hash, const std::string& name) const;
  std::vector<std::string> curve_names(const std::string& hash) const;
  std::vector<Artifact> artifacts_of_run(const std::string& hash) const;

  // --- datasets ----------------------------------------------------------------------------------------
  // Records (or updates the path and counts of) a dataset in the cache.
  void record_dataset(const std::string& hash, const std::string& path, const nlohmann::json& counts);
  std::optional<DatasetRecord> dataset(const std::string& hash) const;

  // Cross-evaluations: a second evaluation of the same run on the same dataset replaces the first.
  // Throws core::InputError when the run is unknown or not done.
  void record_evaluation(const EvaluationRecord& evaluation);
  std::vector<EvaluationRecord> evaluations_of_run(const std::string& hash) const;  // by creation time

 private:
  Store(std::filesystem::path path, std::unique_ptr<SQLite::Database> database);

  // Runs `body`, turning SQLite exceptions into DatabaseError naming the file and `operation`.
  template <typename Body>
  auto guarded(const char* operation, Body&& body) const -> decltype(body());

  void finish(const std::string& hash, RunStatus status, const std::string& error, double duration_s);

  std::filesystem::path path_;
  std::unique_ptr<SQLite::Database> database_;
};

}  // namespace jetstudy::store
