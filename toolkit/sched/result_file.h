// result.json: what a run hands to the coordinator. Workers (also on other machines) never write the database;
// they write results/runs/<hash>/result.json atomically, and the coordinator ingests it into SQLite. A result
// file that exists but was not ingested (the coordinator died in between) is ingested on the next `jetstudy run`
// instead of training again.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "toolkit/recipe/run_identity.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/records.h"
#include "toolkit/store/store.h"

namespace jetstudy::sched {

struct RunResult {
  std::string hash;
  store::RunOutcome outcome;
  double duration_s = 0;
};

void write_result_file(const std::filesystem::path& path, const RunResult& result);

// nullopt when the file does not exist; throws core::InputError naming the file when it is corrupt.
std::optional<RunResult> read_result_file(const std::filesystem::path& path);

// A coordinator's first step for a run to do: a result.json of this run already on disk (its worker finished, the
// coordinator that should have ingested it did not) is stored as the run's result instead of training again;
// returns whether it was. With `force` a leftover file is deleted instead (the run trains again).
bool ingest_existing_result(store::Store& store, const ResultsLayout& layout, const recipe::RunSpec& run,
                            store::RunEnvironment environment, bool force);

}  // namespace jetstudy::sched
