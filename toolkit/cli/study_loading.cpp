#include "toolkit/cli/study_loading.h"

#include <fmt/format.h>

#include "experiments/study_components.h"
#include "toolkit/store/run_status.h"

namespace jetstudy::cli {

recipe::Study load_recipe_study(const RecipeArguments& arguments) {
  return recipe::load_study(arguments.recipe, arguments.overrides, experiments::study_components());
}

void print_plan(const sched::Plan& plan) {
  fmt::print("study {}: {} runs, {} done, {} to do\n", plan.study, plan.runs.size(), plan.count_done(),
             plan.count_to_do());
  for (const auto& run : plan.runs) {
    const auto stored = run.stored_status ? store::to_string(*run.stored_status) : "new";
    fmt::print("  {}  {:<8} {:<11} seed={}{}{}\n", run.spec.hash.substr(0, 12), run.to_do ? "to do" : "done", stored,
               run.spec.seed, run.spec.label.empty() ? "" : "  ", run.spec.label);
  }
}

}  // namespace jetstudy::cli
