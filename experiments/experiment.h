// An experiment kind is a training loop in C++ (classify, decorrelate, anomaly, generate, regress); a recipe's
// `experiment:` picks one by name from experiments/builtin.cpp.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "toolkit/recipe/schema.h"
#include "toolkit/recipe/study.h"
#include "toolkit/sched/status.h"
#include "toolkit/store/records.h"

namespace jetstudy::experiments {

struct ExperimentContext {
  const recipe::RunSpec& run;
  std::filesystem::path cache_directory;  // shared dataset cache (results/cache)
  std::filesystem::path run_directory;    // results/runs/<hash>
  sched::Status& status;
  const sched::RunProgress& progress;
};

using ExperimentFunction = store::RunOutcome (*)(const ExperimentContext&);

struct ExperimentEntry {
  const char* name;
  const char* description;
  recipe::Schema (*options)();  // the recipe's `experiment:` keys besides `kind`
  ExperimentFunction run;
};

const std::vector<ExperimentEntry>& experiment_table();
std::vector<recipe::NamedSchema> experiment_schemas();
// Throws core::InputError with the closest name for an unknown kind.
const ExperimentEntry& find_experiment(const std::string& name);

}  // namespace jetstudy::experiments
