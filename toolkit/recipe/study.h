// A loaded study: the recipe file resolved (base:, --set, defaults), validated, and expanded into the runs
// its sweep asks for -- the one entry point the CLI and the scheduler use.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/recipe/run_identity.h"
#include "toolkit/recipe/study_schema.h"

namespace jetstudy::recipe {

// `sweep: {strategy: asha, monitor, mode, rungs, keep}` resolved (toolkit/sched/asha.h runs it; asynchronous
// successive halving, arXiv:1810.05934).
struct AshaOptions {
  std::string monitor;          // "val_auc": the validation figure compared at each rung
  bool maximize = true;         // mode resolved: auto maximises unless the name is loss-like (loss, error, jsd, ...)
  std::vector<int> rungs;       // epochs at which runs are compared, increasing, each >= 1
  double keep = 1.0 / 3.0;      // fraction in (0, 1) that continues at each rung
};

struct Study {
  std::string name;             // `study:`
  std::filesystem::path path;   // the recipe file as given
  nlohmann::json config;        // the whole recipe validated, defaults filled, `sweep` still in it
  std::vector<RunSpec> runs;    // one per grid point x seed, in sweep order
  nlohmann::json expect;        // `expect:` ({} if absent)
  nlohmann::json run;           // `run:` with defaults (backend, jobs)
  std::optional<AshaOptions> asha;  // sweep.strategy asha; nullopt: every run trains fully (grid)
};

// Whether `monitor` ("val_auc", "val_loss") improves upwards under `mode`: max, min, or auto (minimise names
// containing loss, error, ece, mse, mae, jsd, distance or chi2, maximise the others and "inverse" names).
// train.early_stop and ASHA share this rule.
bool monitor_maximized(const std::string& monitor, const std::string& mode);

// Throws core::RecipeError (file:line:col) for anything wrong in the recipe, its base or the overrides.
Study load_study(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                 const StudyComponents& components);

}  // namespace jetstudy::recipe
