// The store's schema as a list of forward migrations (v0 -> v1 -> ...). The database's version lives in
// PRAGMA user_version; opening a database applies the migrations it lacks, each in its own transaction.
#pragma once

#include <SQLiteCpp/Database.h>
#include <filesystem>
#include <span>

namespace jetstudy::store {

// One step of the schema: SQL that takes a database from version `version - 1` to `version`.
struct Migration {
  int version;
  const char* description;
  const char* sql;
};

// The schema version this build writes (the last migration's version).
int current_schema_version();

// jetstudy's migrations, oldest first.
std::span<const Migration> schema_migrations();

// PRAGMA user_version of `database` (0 for a fresh file).
int schema_version(SQLite::Database& database);

// Brings `database` up to the last of `migrations`: each missing step runs in one IMMEDIATE transaction
// together with the user_version bump, so a failed step leaves the database at the previous version. Safe when
// several processes open the same fresh file at once (the version is re-read inside the transaction).
// A database newer than the last migration throws core::InputError naming `file_for_messages`.
void apply_migrations(SQLite::Database& database, std::span<const Migration> migrations,
                      const std::filesystem::path& file_for_messages);

}  // namespace jetstudy::store
