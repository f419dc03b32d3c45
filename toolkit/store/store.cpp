#include "toolkit/store/store.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <set>

#include "toolkit/core/canonical_json.h"
#include "toolkit/core/error.h"
#include "toolkit/store/schema.h"
#include "toolkit/store/utc_time.h"

namespace jetstudy::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The columns of runs in the order run_from_row reads them.
constexpr const char* kRunColumns =
    "r.hash, r.config, r.seed, r.status, r.attempts, r.backend, r.host, r.device, r.git_revision, "
    "r.git_dirty, r.library_versions, r.error, r.created_at, r.started_at, r.finished_at, r.duration_s";
constexpr int kRunColumnCount = 16;

std::string text_or_empty(const SQLite::Column& column) { return column.isNull() ? "" : column.getString(); }

json json_or_null(const SQLite::Column& column) {
  return column.isNull() ? json() : json::parse(column.getString());
}

RunRecord run_from_row(const SQLite::Statement& row) {
  RunRecord run;
  run.hash = row.getColumn(0).getString();
  run.config = json::parse(row.getColumn(1).getString());
  run.seed = row.getColumn(2).getInt64();
  run.status = parse_run_status(row.getColumn(3).getString());
  run.attempts = row.getColumn(4).getInt();
  run.backend = text_or_empty(row.getColumn(5));
  run.host = text_or_empty(row.getColumn(6));
  run.device = text_or_empty(row.getColumn(7));
  run.git_revision = text_or_empty(row.getColumn(8));
  run.git_dirty = !row.getColumn(9).isNull() && row.getColumn(9).getInt() != 0;
  run.library_versions = json_or_null(row.getColumn(10));
  run.error = text_or_empty(row.getColumn(11));
  run.created_at = text_or_empty(row.getColumn(12));
  run.started_at = text_or_empty(row.getColumn(13));
  run.finished_at = text_or_empty(row.getColumn(14));
  if (!row.getColumn(15).isNull()) run.duration_s = row.getColumn(15).getDouble();
  return run;
}

// The run's status inside a write transaction; an unknown hash is our bug (runs are added before they start).
RunStatus require_status(SQLite::Database& database, const std::string& hash, const char* operation) {
  SQLite::Statement query(database, "SELECT status FROM runs WHERE hash = ?");
  query.bind(1, hash);
  if (!query.executeStep()) throw core::InternalError(fmt::format("{}: no run {} in the store", operation, hash));
  return parse_run_status(query.getColumn(0).getString());
}

std::string this_host() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown-host";
  return name;
}

void check_duration(double duration_s, const char* operation) {
  JETSTUDY_CHECK(std::isfinite(duration_s) && duration_s >= 0.0,
                 fmt::format("{}: duration {} s is not a finite, non-negative number", operation, duration_s));
}

}  // namespace

bool process_exists(std::int64_t pid) {
  if (pid <= 0) return false;
  if (kill(static_cast<pid_t>(pid), 0) == 0) return true;
  return errno == EPERM;  // exists, but belongs to someone else
}

template <typename Body>
auto Store::guarded(const char* operation, Body&& body) const -> decltype(body()) {
  try {
    return body();
  } catch (const SQLite::Exception& error) {
    throw DatabaseError(fmt::format("{}: {} failed: {}", path_.string(), operation, error.what()));
  }
}

Store::Store(fs::path path, std::unique_ptr<SQLite::Database> database)
    : path_(std::move(path)), database_(std::move(database)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const fs::path& database_file) {
  const std::string shown = database_file.string();
  const fs::path directory = database_file.has_parent_path() ? database_file.parent_path() : fs::path(".");
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) {
    throw core::InputError(fmt::format("{}: cannot create the results directory '{}': {}", shown,
                                       directory.string(), error.message()));
  }
  if (!fs::is_directory(directory)) {
    throw core::InputError(
        fmt::format("{}: '{}' exists but is not a directory; choose another --results directory", shown,
                    directory.string()));
  }
  if (access(directory.c_str(), W_OK | X_OK) != 0) {
    throw core::InputError(fmt::format("{}: the results directory '{}' is not writable: {}", shown,
                                       directory.string(), std::strerror(errno)));
  }
  if (fs::is_directory(database_file)) {
    throw core::InputError(fmt::format("{}: is a directory, not a database file", shown));
  }

  std::unique_ptr<SQLite::Database> database;
  try {
    database = std::make_unique<SQLite::Database>(database_file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                                  kBusyTimeoutMs);
    // The first statement reads the file header: a file that is not SQLite fails here.
    const std::string mode = database->execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") {
      throw core::InputError(fmt::format(
          "{}: SQLite refused WAL mode (journal mode stays '{}'); keep results on a local file system", shown,
          mode));
    }
    database->exec("PRAGMA synchronous = NORMAL");
    database->exec("PRAGMA foreign_keys = ON");
  } catch (const SQLite::Exception& failure) {
    throw core::InputError(fmt::format("{}: cannot open the results database: {}", shown, failure.what()));
  }

  try {
    apply_migrations(*database, schema_migrations(), database_file);
  } catch (const SQLite::Exception& failure) {
    throw DatabaseError(fmt::format("{}: upgrading the schema to version {} failed: {}", shown,
                                    current_schema_version(), failure.what()));
  }
  return Store(database_file, std::move(database));
}

// --- studies ---------------------------------------------------------------------------------------------

void Store::upsert_study(const std::string& name, const std::string& recipe_path, const json& config) {
  JETSTUDY_CHECK(!name.empty(), "upsert_study: empty study name");
  guarded("upsert_study", [&] {
    // Read, compare and write in one transaction, so that two coordinators cannot both start a version.
    SQLite::Transaction transaction(*database_, SQLite::TransactionBehavior::IMMEDIATE);
    const std::string canonical = core::canonical_json(config);
    const std::string now = utc_now();
    SQLite::Statement existing(*database_, "SELECT config FROM studies WHERE name = ?");
    existing.bind(1, name);
    if (!existing.executeStep()) {
      SQLite::Statement insert(*database_,
                               "INSERT INTO studies (name, recipe_path, config, created_at, updated_at, recipe_version) "
                               "VALUES (?, ?, ?, ?, ?, 1)");
      insert.bind(1, name);
      insert.bind(2, recipe_path);
      insert.bind(3, canonical);
      insert.bind(4, now);
      insert.bind(5, now);
      insert.exec();
    } else {
      // Stored configurations are canonical JSON; compare parsed values so that text written by another jetstudy
      // version with the same content does not count as an edit.
      const bool edited = json::parse(existing.getColumn(0).getString()) != json::parse(canonical);
      SQLite::Statement update(*database_,
                               "UPDATE studies SET recipe_path = ?, config = ?, updated_at = ?, "
                               "recipe_version = recipe_version + ? WHERE name = ?");
      update.bind(1, recipe_path);
      update.bind(2, canonical);
      update.bind(3, now);
      update.bind(4, edited ? 1 : 0);
      update.bind(5, name);
      update.exec();
    }
    transaction.commit();
  });
}

std::vector<std::string> Store::studies() const {
  return guarded("studies", [&] {
    std::vector<std::string> names;
    SQLite::Statement query(*database_, "SELECT name FROM studies ORDER BY name");
    while (query.executeStep()) names.push_back(query.getColumn(0).getString());
    return names;
  });
}

std::optional<StudyRecord> Store::study(const std::string& name) const {
  return guarded("study", [&]() -> std::optional<StudyRecord> {
    SQLite::Statement query(*database_,
                            "SELECT name, recipe_path, config, created_at, updated_at, recipe_version FROM studies "
                            "WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep()) return std::nullopt;
    return StudyRecord{query.getColumn(0).getString(), query.getColumn(1).getString(),
                       json::parse(query.getColumn(2).getString()), query.getColumn(3).getString(),
                       query.getColumn(4).getString(), query.getColumn(5).getInt()};
  });
}

// --- runs ------------------------------------------------------------------------------------------------

void Store::add_run(const std::string& study, const std::string& hash, const json& config, std::int64_t seed,
                    const json& point, const std::string& label) {
  JETSTUDY_CHECK(!hash.empty(), "add_run: empty run hash");
  guarded("add_run", [&] {
    SQLite::Transaction transaction(*database_, SQLite::TransactionBehavior::IMMEDIATE);

    SQLite::Statement study_query(*database_, "SELECT recipe_version FROM studies WHERE name = ?");
    study_query.bind(1, study);
    JETSTUDY_CHECK(study_query.executeStep(),
                   fmt::format("add_run: study '{}' is not in the store; call upsert_study first", study));
    const int recipe_version = study_query.getColumn(0).getInt();

    SQLite::Statement existing(*database_, "SELECT seed, config FROM runs WHERE hash = ?");
    existing.bind(1, hash);
    if (existing.executeStep()) {
      const bool same = existing.getColumn(0).getInt64() == seed &&
                        json::parse(existing.getColumn(1).getString()) == config;
      JETSTUDY_CHECK(same, fmt::format("add_run: run {} is already stored with another seed or configuration",
                                       hash));
    } else {
      SQLite::Statement insert(*database_,
                               "INSERT INTO runs (hash, config, seed, status, attempts, created_at) "
                               "VALUES (?, ?, ?, ?, 0, ?)");
      insert.bind(1, hash);
      insert.bind(2, core::canonical_json(config));
      insert.bind(3, static_cast<int64_t>(seed));
      insert.bind(4, to_string(RunStatus::pending));
      insert.bind(5, utc_now());
      insert.exec();
    }

    SQLite::Statement link(*database_,
                           "INSERT INTO study_runs (study, run_hash, point, label, recipe_version) "
                           "VALUES (?, ?, ?, ?, ?) "
                           "ON CONFLICT (study, run_hash) DO UPDATE SET point = excluded.point, "
                           "label = excluded.label, recipe_version = excluded.recipe_version");
    link.bind(1, study);
    link.bind(2, hash);
    link.bind(3, core::canonical_json(point));
    link.bind(4, label);
    link.bind(5, recipe_version);
    link.exec();
    transaction.commit();
  });
}

std::optional<RunStatus> Store::run_status(const std::string& hash) const {
  return guarded("run_status", [&]() -> std::optional<RunStatus> {
    SQLite::Statement query(*database_, "SELECT status FROM runs WHERE hash = ?");
    query.bind(1, hash);
    if (!query.executeStep()) return std::nullopt;
    return parse_run_status(query.getColumn(0).getString());
  });
}

std::optional<RunRecord> Store::run(const std::string& hash) const {
  return guarded("run", [&]() -> std::optional<RunRecord> {
    SQLite::Statement query(*database_, fmt::format("SELECT {} FROM runs r WHERE r.hash = ?", kRunColumns));
    query.bind(1, hash);
    if (!query.executeStep()) return std::nullopt;
    return run_from_row(query);
  });
}

std::vector<RunRecord> Store::runs_of_study(const std::string& study) const {
  return guarded("runs_of_study", [&] {
    SQLite::Statement query(*database_, fmt::format("SELECT {}, s.point, s.label, s.recipe_version, "
                                                    "s.recipe_version = t.recipe_version FROM study_runs s "
                                                    "JOIN runs r ON r.hash = s.run_hash "
                                                    "JOIN studies t ON t.name = s.study "
                                                    "WHERE s.study = ? ORDER BY s.rowid",
                                                    kRunColumns));
    query.bind(1, study);
    std::vector<RunRecord> runs;
    while (query.executeStep()) {
      RunRecord run = run_from_row(query);
      run.point = json::parse(query.getColumn(kRunColumnCount).getString());
      run.label = query.getColumn(kRunColumnCount + 1).getString();
      run.recipe_version = query.getColumn(kRunColumnCount + 2).getInt();
      run.current = query.getColumn(kRunColumnCount + 3).getInt() != 0;
      runs.push_back(std::move(run));
    }
    return runs;
  });
}

void Store::mark_running(const std::string& hash, const RunEnvironment& environment, bool force,
                         std::optional<std::int64_t> claimed_by_pid) {
  guarded("mark_running", [&] {
    SQLite::Transaction transaction(*database_, SQLite::TransactionBehavior::IMMEDIATE);
    const RunStatus from = require_status(*database_, hash, "mark_running");
    if (!may_start(from, force)) {
      throw core::InternalError(fmt::format(
          "mark_running: run {} is {}; {}", hash, to_string(from),
          from == RunStatus::done ? "a done run is started again only when forced (--force)"
                                  : "a running run must be marked interrupted, failed or done first"));
    }
    SQLite::Statement update(*database_,
                             "UPDATE runs SET status = ?, attempts = attempts + 1, backend = ?, host = ?, "
                             "device = ?, git_revision = ?, git_dirty = ?, library_versions = ?, error = NULL, "
                             "claimed_by_host = ?, claimed_by_pid = ?, started_at = ?, finished_at = NULL, "
                             "duration_s = NULL WHERE hash = ?");
    update.bind(1, to_string(RunStatus::running));
    update.bind(2, environment.backend);
    update.bind(3, environment.host);
    update.bind(4, environment.device);
    update.bind(5, environment.git_revision);
    update.bind(6, environment.git_dirty ? 1 : 0);
    update.bind(7, core::canonical_json(environment.library_versions));
    update.bind(8, this_host());
    update.bind(9, static_cast<int64_t>(claimed_by_pid.value_or(getpid())));
    update.bind(10, utc_now());
    update.bind(11, hash);
    update.exec();
    transaction.commit();
  });
}

void Store::mark_done(const std::string& hash, const RunOutcome& outcome, double duration_s) {
  check_duration(duration_s, "mark_done");
  guarded("mark_done", [&] {
    // Everything below is one transaction: any throw rolls the run back to exactly what it was.
    SQLite::Transaction transaction(*database_, SQLite::TransactionBehavior::IMMEDIATE);
    const RunStatus from = require_status(*database_, hash, "mark_done");
    if (!may_finish(from)) {
      throw core::InternalError(
          fmt::format("mark_done: run {} is {}; only a running run can be done", hash, to_string(from)));
    }
    for (const char* table : {"metrics", "curves", "artifacts"}) {
      SQLite::Statement remove(*database_, fmt::format("DELETE FROM {} WHERE run_hash = ?", table));
      remove.bind(1, hash);
      remove.exec();
    }

    SQLite::Statement metric(*database_,
                             "INSERT INTO metrics (run_hash, split, name, value, epoch) VALUES (?, ?, ?, ?, ?)");
    for (const MetricValue& value : outcome.metrics) {
      if (value.split.empty() || value.name.empty()) {
        throw core::InternalError(fmt::format("mark_done: run {}: a metric with an empty split or name ('{}/{}')",
                                              hash, value.split, value.name));
      }
      if (!std::isfinite(value.value)) {
        throw core::InternalError(fmt::format(
            "mark_done: run {}: metric {}/{} is {}; metrics must be finite numbers (nothing was written)", hash,
            value.split, value.name, value.value));
      }
      metric.bind(1, hash);
      metric.bind(2, value.split);
      metric.bind(3, value.name);
      metric.bind(4, value.value);
      if (value.epoch) {
        metric.bind(5, *value.epoch);
      } else {
        metric.bind(5);  // NULL: the final value
      }
      metric.exec();
      metric.reset();
    }

    std::set<std::string> curve_names;
    SQLite::Statement curve(*database_, "INSERT INTO curves (run_hash, name, points) VALUES (?, ?, ?)");
    for (const Curve& each : outcome.curves) {
      if (each.name.empty() || !curve_names.insert(each.name).second) {
        throw core::InternalError(
            fmt::format("mark_done: run {}: curve name '{}' is empty or given twice", hash, each.name));
      }
      curve.bind(1, hash);
      curve.bind(2, each.name);
      curve.bind(3, each.points.dump());
      curve.exec();
      curve.reset();
    }

    SQLite::Statement artifact(*database_,
                               "INSERT INTO artifacts (run_hash, kind, path, sha256) VALUES (?, ?, ?, ?)");
    for (const Artifact& each : outcome.artifacts) {
      artifact.bind(1, hash);
      artifact.bind(2, each.kind);
      artifact.bind(3, each.path);
      artifact.bind(4, each.sha256);
      artifact.exec();
      artifact.reset();
    }

    SQLite::Statement update(*database_,
                             "UPDATE runs SET status = ?, error = NULL, finished_at = ?, duration_s = ? "
                             "WHERE hash = ?");
    update.bind(1, to_string(RunStatus::done));
    update.bind(2, utc_now());
    update.bind(3, duration_s);
    update.bind(4, hash);
    update.exec();
    transaction.commit();
  });
}

void Store::finish(const std::string& hash, RunStatus status, const std::string& error, double duration_s) {
  const std::string operation = "mark_" + to_string(status);
  check_duration(duration_s, operation.c_str());
  guarded(operation.c_str(), [&] {
    SQLite::Transaction transaction(*database_, SQLite::TransactionBehavior::IMMEDIATE);
    const RunStatus from = require_status(*database_, hash, operation.c_str());
    if (!may_finish(from)) {
      throw core::InternalError(fmt::format("{}: run {} is {}; only a running run can become {}", operation, hash,
                                            to_string(from), to_string(status)));
    }
    SQLite::Statement update(*database_,
                             "UPDATE runs SET status = ?, error = ?, finished_at = ?, duration_s = ? "
                             "WHERE hash = ?");
    update.bind(1, to_string(status));
    update.bind(2, error);
    update.bind(3, utc_now());
    update.bind(4, duration_s);
    update.bind(5, hash);
    update.exec();
    transaction.commit();
  });
}

void Store::mark_failed(const std::string& hash, const std::string& error, double duration_s) {
  finish(hash, RunStatus::failed, error.empty() ? "failed (no message)" : error, duration_s);
}

void Store::mark_interrupted(const std::string& hash, double duration_s) {
  finish(hash, RunStatus::interrupted, "interrupted", duration_s);
}

std::vector<std::string> Store::interrupt_orphaned_runs(const std::function<bool(std::int64_t)>& process_alive) {
  return guarded("interrupt_orphaned_runs", [&] {
    SQLite::Transaction transaction(*database_, SQLite::TransactionBehavior::IMMEDIATE);
    const std::string host = this_host();
    SQLite::Statement query(*database_,
                            "SELECT hash, claimed_by_pid FROM runs "
                            "WHERE status = ? AND claimed_by_host = ? ORDER BY hash");
    query.bind(1, to_string(RunStatus::running));
    query.bind(2, host);
    std::vector<std::pair<std::string, std::int64_t>> orphans;
    while (query.executeStep()) {
      const std::int64_t pid = query.getColumn(1).isNull() ? 0 : query.getColumn(1).getInt64();
      if (!process_alive(pid)) orphans.emplace_back(query.getColumn(0).getString(), pid);
    }

    SQLite::Statement update(*database_,
                             "UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE hash = ?");
    std::vector<std::string> hashes;
    const std::string now = utc_now();
    for (const auto& [hash, pid] : orphans) {
      update.bind(1, to_string(RunStatus::interrupted));
      update.bind(2, fmt::format("left running by process {} on {}, which no longer exists", pid, host));
      update.bind(3, now);
      update.bind(4, hash);
      update.exec();
      update.reset();
      hashes.push_back(hash);
    }
    transaction.commit();
    return hashes;
  });
}

// --- results ---------------------------------------------------------------------------------------------

void Store::record_epoch_metrics(const std::string& hash, const std::vector<MetricValue>& values) {
  for (const MetricValue& value : values) {
    JETSTUDY_CHECK(value.epoch.has_value() && !value.split.empty() && !value.name.empty(),
                   fmt::format("record_epoch_metrics: run {}: metric {}/{} needs a split, a name and an epoch", hash,
                               value.split, value.name));
    JETSTUDY_CHECK(std::isfinite(value.value), fmt::format("record_epoch_metrics: run {}: metric {}/{} is {}", hash,
                                                           value.split, value.name, value.value));
  }
  guarded("record_epoch_metrics", [&] {
    SQLite::Transaction transaction(*database_, SQLite::TransactionBehavior::IMMEDIATE);
    if (require_status(*database_, hash, "record_epoch_metrics") != RunStatus::running) return;
    SQLite::Statement remove(*database_,
                             "DELETE FROM metrics WHERE run_hash = ? AND split = ? AND name = ? AND epoch = ?");
    SQLite::Statement insert(*database_,
                             "INSERT INTO metrics (run_hash, split, name, value, epoch) VALUES (?, ?, ?, ?, ?)");
    for (const MetricValue& value : values) {
      remove.bind(1, hash);
      remove.bind(2, value.split);
      remove.bind(3, value.name);
      remove.bind(4, *value.epoch);
      remove.exec();
      remove.reset();
      insert.bind(1, hash);
      insert.bind(2, value.split);
      insert.bind(3, value.name);
      insert.bind(4, value.value);
      insert.bind(5, *value.epoch);
      insert.exec();
      insert.reset();
    }
    transaction.commit();
  });
}

std::vector<MetricValue> Store::metrics_of_run(const std::string& hash) const {
  return guarded("metrics_of_run", [&] {
    SQLite::Statement query(*database_,
                            "SELECT split, name, value, epoch FROM metrics WHERE run_hash = ? "
                            "ORDER BY split, name, epoch IS NOT NULL, epoch, rowid");
    query.bind(1, hash);
    std::vector<MetricValue> values;
    while (query.executeStep()) {
      MetricValue value{query.getColumn(0).getString(), query.getColumn(1).getString(),
                        query.getColumn(2).getDouble(), std::nullopt};
      if (!query.getColumn(3).isNull()) value.epoch = query.getColumn(3).getInt();
      values.push_back(std::move(value));
    }
    return values;
  });
}

std::optional<Curve> Store::curve(const std::string& hash, const std::string& name) const {
  return guarded("curve", [&]() -> std::optional<Curve> {
    SQLite::Statement query(*database_, "SELECT points FROM curves WHERE run_hash = ? AND name = ?");
    query.bind(1, hash);
    query.bind(2, name);
    if (!query.executeStep()) return std::nullopt;
    return Curve{name, json::parse(query.getColumn(0).getString())};
  });
}

std::vector<std::string> Store::curve_names(const std::string& hash) const {
  return guarded("curve_names", [&] {
    SQLite::Statement query(*database_, "SELECT name FROM curves WHERE run_hash = ? ORDER BY name");
    query.bind(1, hash);
    std::vector<std::string> names;
    while (query.executeStep()) names.push_back(query.getColumn(0).getString());
    return names;
  });
}

std::vector<Artifact> Store::artifacts_of_run(const std::string& hash) const {
  return guarded("artifacts_of_run", [&] {
    SQLite::Statement query(*database_,
                            "SELECT kind, path, sha256 FROM artifacts WHERE run_hash = ? ORDER BY rowid");
    query.bind(1, hash);
    std::vector<Artifact> artifacts;
    while (query.executeStep()) {
      artifacts.push_back(
          {query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString()});
    }
    return artifacts;
  });
}

// --- datasets --------------------------------------------------------------------------------------------

void Store::record_dataset(const std::string& hash, const std::string& path, const json& counts) {
  JETSTUDY_CHECK(!hash.empty(), "record_dataset: empty dataset hash");
  guarded("record_dataset", [&] {
    SQLite::Statement insert(*database_,
                             "INSERT INTO datasets (hash, path, counts, created_at) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (hash) DO UPDATE SET path = excluded.path, counts = excluded.counts");
    insert.bind(1, hash);
    insert.bind(2, path);
    insert.bind(3, core::canonical_json(counts));
    insert.bind(4, utc_now());
    insert.exec();
  });
}

std::optional<DatasetRecord> Store::dataset(const std::string& hash) const {
  return guarded("dataset", [&]() -> std::optional<DatasetRecord> {
    SQLite::Statement query(*database_, "SELECT hash, path, counts, created_at FROM datasets WHERE hash = ?");
    query.bind(1, hash);
    if (!query.executeStep()) return std::nullopt;
    return DatasetRecord{query.getColumn(0).getString(), query.getColumn(1).getString(),
                         json::parse(query.getColumn(2).getString()), query.getColumn(3).getString()};
  });
}

std::string Store::run_hash_with_prefix(const std::string& prefix) const {
  if (prefix.empty()) throw core::InputError("a run hash (or its first characters) is needed");
  const auto matches = guarded("run_hash_with_prefix", [&] {
    SQLite::Statement query(*database_, "SELECT hash FROM runs WHERE substr(hash, 1, ?) = ? ORDER BY hash LIMIT 2");
    query.bind(1, static_cast<int>(prefix.size()));
    query.bind(2, prefix);
    std::vector<std::string> hashes;
    while (query.executeStep()) hashes.push_back(query.getColumn(0).getString());
    return hashes;
  });
  if (matches.empty()) throw core::InputError("no run " + prefix + " in " + path_.string() + " (jetstudy status STUDY lists them)");
  if (matches.size() > 1) throw core::InputError("run " + prefix + " is ambiguous in " + path_.string() + ": give more characters");
  return matches.front();
}

void Store::record_evaluation(const EvaluationRecord& evaluation) {
  const auto status = run_status(evaluation.run_hash);
  if (!status) throw core::InputError("no run " + evaluation.run_hash + " in " + path_.string());
  if (*status != RunStatus::done)
    throw core::InputError("run " + evaluation.run_hash + " is " + to_string(*status) +
                           "; only a finished run can be evaluated on another dataset");
  guarded("record_evaluation", [&] {
    SQLite::Statement insert(*database_,
                             "INSERT INTO evaluations (run_hash, dataset_hash, label, metrics, curves, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_hash, dataset_hash) DO UPDATE SET "
                             "label = excluded.label, metrics = excluded.metrics, curves = excluded.curves, "
                             "created_at = excluded.created_at");
    insert.bind(1, evaluation.run_hash);
    insert.bind(2, evaluation.dataset_hash);
    insert.bind(3, evaluation.label);
    insert.bind(4, core::canonical_json(evaluation.metrics));
    insert.bind(5, core::canonical_json(evaluation.curves));
    insert.bind(6, utc_now());
    insert.exec();
  });
}

std::vector<EvaluationRecord> Store::evaluations_of_run(const std::string& hash) const {
  return guarded("evaluations_of_run", [&] {
    SQLite::Statement query(*database_,
                            "SELECT run_hash, dataset_hash, label, metrics, curves, created_at FROM evaluations "
                            "WHERE run_hash = ? ORDER BY created_at, dataset_hash");
    query.bind(1, hash);
    std::vector<EvaluationRecord> evaluations;
    while (query.executeStep())
      evaluations.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                             query.getColumn(2).getString(), json::parse(query.getColumn(3).getString()),
                             json::parse(query.getColumn(4).getString()), query.getColumn(5).getString()});
    return evaluations;
  });
}

}  // namespace jetstudy::store
