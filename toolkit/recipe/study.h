// A loaded study: the recipe file resolved (base:, --set, defaults), validated, and expanded into the runs
// its sweep asks for -- the one entry point the CLI and the scheduler use.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "toolkit/recipe/run_identity.h"
#include "toolkit/recipe/study_schema.h"

namespace jetstudy::recipe {

struct Study {
  std::string name;             // `study:`
  std::filesystem::path path;   // the recipe file as given
  nlohmann::json config;        // the whole recipe validated, defaults filled, `sweep` still in it
  std::vector<RunSpec> runs;    // one per grid point x seed, in sweep order
  nlohmann::json expect;        // `expect:` ({} if absent)
  nlohmann::json run;           // `run:` with defaults (backend, jobs)
};

// Throws core::RecipeError (file:line:col) for anything wrong in the recipe, its base or the overrides.
Study load_study(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                 const StudyComponents& components);

}  // namespace jetstudy::recipe
