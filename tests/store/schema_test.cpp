#include "toolkit/store/schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <vector>

#include "tests/temp_directory.h"
#include "toolkit/core/error.h"
#include "toolkit/store/store.h"

namespace store = jetstudy::store;
using jetstudy::testing::TempDirectory;

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

TEST_CASE("schema: a fresh database gets version 1 and all seven tables") {
  TempDirectory directory("schema");
  const auto file = directory / "jetstudy.sqlite";
  { store::Store::open(file); }

  SQLite::Database database(file, SQLite::OPEN_READONLY);
  CHECK(store::schema_version(database) == 1);
  CHECK(store::current_schema_version() == 1);
  CHECK(table_names(database) == std::vector<std::string>{"artifacts", "curves", "datasets", "metrics", "runs",
                                                          "studies", "study_runs"});
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
  CHECK(store::schema_version(database) == 1);
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
                                      "versions up to 1); use that newer jetstudy, or point --results at another "
                                      "directory");
}

TEST_CASE("schema: a version 1 database is upgraded by a later step, and a failing step leaves it as it was") {
  TempDirectory directory("schema");
  const auto file = directory / "jetstudy.sqlite";
  { store::Store::open(file); }  // version 1, as this build writes it

  SQLite::Database database(file, SQLite::OPEN_READWRITE);
  std::vector<store::Migration> steps(store::schema_migrations().begin(), store::schema_migrations().end());
  steps.push_back({2, "runs get a priority", "ALTER TABLE runs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0"});
  store::apply_migrations(database, steps, file);
  CHECK(store::schema_version(database) == 2);
  CHECK(has_column(database, "runs", "priority"));

  // Step 3 creates a table, then fails: neither the table nor the version bump may survive.
  steps.push_back({3, "broken", "CREATE TABLE half_done (x INTEGER); ALTER TABLE no_such_table ADD COLUMN y"});
  CHECK_THROWS(store::apply_migrations(database, steps, file));
  CHECK(store::schema_version(database) == 2);
  CHECK_FALSE(database.tableExists("half_done"));

  // Applying the same list again once step 3 is fixed continues from version 2.
  steps.back().sql = "CREATE TABLE half_done (x INTEGER)";
  store::apply_migrations(database, steps, file);
  CHECK(store::schema_version(database) == 3);
  CHECK(database.tableExists("half_done"));
}
