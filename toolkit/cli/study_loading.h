// What the recipe commands (run, plan, validate) share: loading a study from the command line's recipe and
// --set overrides, and printing its plan.
#pragma once

#include "toolkit/cli/subcommand.h"
#include "toolkit/recipe/study.h"
#include "toolkit/sched/cost_estimate.h"
#include "toolkit/sched/plan.h"

#include <optional>

namespace jetstudy::cli {

recipe::Study load_recipe_study(const RecipeArguments& arguments);

// One line for the study (runs, done, to do), then one per run: hash prefix, to do or done, stored status, seed, label.
void print_plan(const sched::Plan& plan);

// The cost line of `jetstudy plan` (and, with ASHA, that stopped runs make it an upper bound).
void print_cost_estimate(const sched::CostEstimate& estimate, const std::optional<recipe::AshaOptions>& asha);

}  // namespace jetstudy::cli
