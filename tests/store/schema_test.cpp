#include "toolkit/store/schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <vector>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/store/store.h"

namespace store = jetstudy::store;
using jetstudy::core::TempDirectory;

namespace {

std::vector<std::string> table_names(SQLite::Database& database) {
  std::vector<std::string> names;
  SQLite::Statement query(database, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (query.executeStep()) names.push_back(query.getColumn(0).getString());
  return names;
}

bool has_column(SQLite::Database& database, const std::string& table, const std::string& column) {
  SQLite::Statement query(database, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
  query.bind(1, table);
  query.bind(2, column);
  return query.executeStep();
}

}  // namespace

TEST_CASE("schema: a fresh database gets the newest version and all eight tables") {
  TempDirectory directory("schema");
  const auto file = directory / "jetstudy.sqlite";
  { store::Store::open(file); }

  SQLite::Database database(file, SQLite::OPEN_READONLY);
  CHECK(store::schema_version(database) == 3);
  CHECK(store::current_schema_version() == 3);
  CHECK(table_names(database) == std::vector<std::string>{"artifacts", "curves", "datasets", "evaluations", "metrics",
                                                          "runs", "studies", "study_runs"});
  CHECK(database.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("schema: reopening a current database changes nothing and keeps the data") {
  TempDirectory directory("schema");
  const auto file = directory / "jetstudy.sqlite";
  {
    auto first = store::Store::open(file);
    first.upsert_study("s", "recipes/s.yaml", {{"a", 1}});
  }
  auto second = store::Store::open(file);
  CHECK(second.studies() == std::vector<std::string>{"s"});
  SQLite::Database database(file, SQLite::OPEN_READONLY);
  CHECK(store::schema_version(database) == 3);
}

TEST_CASE("schema: a version 2 database with runs is upgraded to v3 and every run it linked counts as current") {
  TempDirectory directory("schema");
  const auto file = directory / "jetstudy.sqlite";
  {
    SQLite::Database database(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::apply_migrations(database, store::schema_migrations().first(2), file);  // as jetstudy wrote it before v3
    database.exec("INSERT INTO studies VALUES ('top', 'recipes/top.yaml', '{\"v\":1}', '2025-01-01T00:00:00Z', "
                  "'2025-01-01T00:00:00Z')");
    database.exec("INSERT INTO runs (hash, config, seed, created_at) VALUES ('h1', '{}', 1, '2025-01-01T00:00:00Z'), "
                  "('h2', '{}', 2, '2025-01-01T00:00:00Z')");
    database.exec("INSERT INTO study_runs VALUES ('top', 'h1', '{}', 'a'), ('top', 'h2', '{}', 'a')");
  }
  auto s = store::Store::open(file);
  CHECK(s.study("top")->recipe_version == 1);
  const auto runs = s.runs_of_study("top");
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].current);
  CHECK(runs[1].current);
  // The first edit after the upgrade retires both until they are planned again.
  s.upsert_study("top", "recipes/top.yaml", {{"v", 2}});
  CHECK_FALSE(s.runs_of_study("top").at(0).current);
}

TEST_CASE("schema: a database written by a newer jetstudy is refused with its path and both versions") {
  TempDirectory directory("schema");
  const auto file = directory / "jetstudy.sqlite";
  {
    SQLite::Database database(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    database.exec("PRAGMA user_version = 7");
  }
  REQUIRE_THROWS_AS(store::Store::open(file), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(store::Store::open(file),
                      file.string() + ": schema version 7 was written by a newer jetstudy (this build knows "
                                      "versions up to 3); use that newer jetstudy, or point --results at another "
                                      "directory");
}

TEST_CASE("schema: a version 1 database is upgraded step by step, and a failing step leaves it as it was") {
  TempDirectory directory("schema");
  const auto file = directory / "jetstudy.sqlite";
  SQLite::Database database(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  std::vector<store::Migration> steps(store::schema_migrations().begin(), store::schema_migrations().end());
  store::apply_migrations(database, std::span(steps).first(1), file);  // as the first jetstudy wrote it
  REQUIRE(store::schema_version(database) == 1);
  REQUIRE_FALSE(database.tableExists("evaluations"));

  // Opening it with this build applies the later steps (v2: evaluations; v3: recipe versions).
  store::apply_migrations(database, steps, file);
  CHECK(store::schema_version(database) == store::current_schema_version());
  CHECK(database.tableExists("evaluations"));
  CHECK(has_column(database, "studies", "recipe_version"));
  CHECK(has_column(database, "study_runs", "recipe_version"));

  // A later step that fails halfway leaves neither its table nor its version bump.
  const int next = store::current_schema_version() + 1;
  steps.push_back({next, "broken", "CREATE TABLE half_done (x INTEGER); ALTER TABLE no_such_table ADD COLUMN y"});
  CHECK_THROWS(store::apply_migrations(database, steps, file));
  CHECK(store::schema_version(database) == next - 1);
  CHECK_FALSE(database.tableExists("half_done"));

  // Applying the same list again once the step is fixed continues from where it stopped.
  steps.back().sql = "CREATE TABLE half_done (x INTEGER); ALTER TABLE runs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0";
  store::apply_migrations(database, steps, file);
  CHECK(store::schema_version(database) == next);
  CHECK(database.tableExists("half_done"));
  CHECK(has_column(database, "runs", "priority"));
}
