#include "toolkit/store/schema.h"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "toolkit/core/error.h"

namespace jetstudy::store {
namespace {

// v1: the tables of DESIGN.md "Store". JSON columns are text checked with json_valid. A run belongs to any
// number of studies (its identity excludes the study name), hence the study_runs link table.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE studies (
  name        TEXT PRIMARY KEY,
  recipe_path TEXT NOT NULL,
  config      TEXT NOT NULL CHECK (json_valid(config)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE runs (
  hash             TEXT PRIMARY KEY,
  config           TEXT NOT NULL CHECK (json_valid(config)),
  seed             INTEGER NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'running', 'done', 'failed', 'interrupted')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  backend          TEXT,
  host             TEXT,
  device           TEXT,
  git_revision     TEXT,
  git_dirty        INTEGER CHECK (git_dirty IN (0, 1)),
  library_versions TEXT CHECK (library_versions IS NULL OR json_valid(library_versions)),
  error            TEXT,
  claimed_by_host  TEXT,
  claimed_by_pid   INTEGER,
  created_at       TEXT NOT NULL,
  started_at       TEXT,
  finished_at      TEXT,
  duration_s       REAL
);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE study_runs (
  study    TEXT NOT NULL REFERENCES studies (name) ON DELETE CASCADE,
  run_hash TEXT NOT NULL REFERENCES runs (hash) ON DELETE CASCADE,
  point    TEXT NOT NULL CHECK (json_valid(point)),
  label    TEXT NOT NULL,
  PRIMARY KEY (study, run_hash)
);
CREATE INDEX study_runs_by_run ON study_runs (run_hash);

CREATE TABLE metrics (
  run_hash TEXT NOT NULL REFERENCES runs (hash) ON DELETE CASCADE,
  split    TEXT NOT NULL,
  name     TEXT NOT NULL,
  value    REAL NOT NULL,
  epoch    INTEGER
);
CREATE INDEX metrics_by_run ON metrics (run_hash, split, name);

CREATE TABLE curves (
  run_hash TEXT NOT NULL REFERENCES runs (hash) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  points   TEXT NOT NULL CHECK (json_valid(points)),
  PRIMARY KEY (run_hash, name)
);

CREATE TABLE artifacts (
  run_hash TEXT NOT NULL REFERENCES runs (hash) ON DELETE CASCADE,
  kind     TEXT NOT NULL,
  path     TEXT NOT NULL,
  sha256   TEXT NOT NULL
);
CREATE INDEX artifacts_by_run ON artifacts (run_hash);

CREATE TABLE datasets (
  hash       TEXT PRIMARY KEY,
  path       TEXT NOT NULL,
  counts     TEXT NOT NULL CHECK (json_valid(counts)),
  created_at TEXT NOT NULL
);
)sql";

// v2: cross-evaluations -- a finished run evaluated on another dataset (trained on one generator or shower
// setting, tested on another), one row per (run, dataset), its metrics and curves as JSON.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE evaluations (
  run_hash     TEXT NOT NULL REFERENCES runs (hash) ON DELETE CASCADE,
  dataset_hash TEXT NOT NULL,
  label        TEXT NOT NULL,
  metrics      TEXT NOT NULL CHECK (json_valid(metrics)),
  curves       TEXT NOT NULL CHECK (json_valid(curves)),
  created_at   TEXT NOT NULL,
  PRIMARY KEY (run_hash, dataset_hash)
);
)sql";

// v3: versions of a study's recipe. studies.recipe_version starts at 1 and grows by one each time upsert_study is
// given a configuration that differs from the stored one (the recipe was edited, or run with other --set values);
// study_runs.recipe_version is the version that last linked the run (add_run). A run is current in a study when the
// two agree; the others belong to earlier versions and reports leave them out by default. Rows of a version 2
// database all start at 1: every run linked so far counts as current.
constexpr const char* kVersion3 = R"sql(
ALTER TABLE studies ADD COLUMN recipe_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE study_runs ADD COLUMN recipe_version INTEGER NOT NULL DEFAULT 1;
)sql";

const Migration kMigrations[] = {
    {1, "studies, runs, study_runs, metrics, curves, artifacts, datasets", kVersion1},
    {2, "evaluations", kVersion2},
    {3, "recipe versions of studies and of their runs", kVersion3},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

int current_schema_version() { return schema_migrations().back().version; }

int schema_version(SQLite::Database& database) {
  return database.execAndGet("PRAGMA user_version").getInt();
}

void apply_migrations(SQLite::Database& database, std::span<const Migration> migrations,
                      const std::filesystem::path& file_for_messages) {
  JETSTUDY_CHECK(!migrations.empty(), "no schema migrations");
  const int newest_known = migrations.back().version;
  const int found = schema_version(database);
  if (found > newest_known) {
    throw core::InputError(fmt::format(
        "{}: schema version {} was written by a newer jetstudy (this build knows versions up to {}); "
        "use that newer jetstudy, or point --results at another directory",
        file_for_messages.string(), found, newest_known));
  }
  int expected_previous = 0;
  for (const Migration& step : migrations) {
    JETSTUDY_CHECK(step.version == expected_previous + 1, "schema migrations must be numbered 1, 2, 3, ...");
    expected_previous = step.version;
    if (step.version <= found) continue;

    SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have migrated between our first look and taking the write lock.
    if (schema_version(database) >= step.version) continue;
    database.exec(step.sql);
    // PRAGMA takes no bound parameters; the version is our own constant, never user input.
    database.exec(fmt::format("PRAGMA user_version = {}", step.version));
    transaction.commit();
  }
}

}  // namespace jetstudy::store
