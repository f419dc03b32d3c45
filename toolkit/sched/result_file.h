// result.json: what a run hands to the coordinator. Workers (also on other machines) never write the database;
// they write results/runs/<hash>/result.json atomically, and the coordinator ingests it into SQLite. A result
// file that exists but was not ingested (the coordinator died in between) is ingested on the next `jetstudy run`
// instead of training again.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "toolkit/store/records.h"

namespace jetstudy::sched {

struct RunResult {
  std::string hash;
  store::RunOutcome outcome;
  double duration_s = 0;
};

void write_result_file(const std::filesystem::path& path, const RunResult& result);

// nullopt when the file does not exist; throws core::InputError naming the file when it is corrupt.
std::optional<RunResult> read_result_file(const std::filesystem::path& path);

}  // namespace jetstudy::sched
