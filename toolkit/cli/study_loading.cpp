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

namespace {

// "45 s", "12 min", "3.4 h".
std::string duration_text(double seconds) {
  if (seconds < 90) return fmt::format("{:.0f} s", seconds);
  if (seconds < 90 * 60) return fmt::format("{:.0f} min", seconds / 60);
  return fmt::format("{:.1f} h", seconds / 3600);
}

}  // namespace

void print_cost_estimate(const sched::CostEstimate& estimate, const std::optional<recipe::AshaOptions>& asha) {
  if (asha) {
    std::string rungs;
    for (const int epoch : asha->rungs) rungs += (rungs.empty() ? "" : ", ") + std::to_string(epoch);
    fmt::print("strategy asha: {} ({}), rungs at epochs {}, keep {:.3g} at each rung\n", asha->monitor,
               asha->maximize ? "max" : "min", rungs, asha->keep);
  }
  if (estimate.runs_to_do == 0) {
    fmt::print("cost: nothing to do\n");
    return;
  }
  if (!estimate.any()) {
    fmt::print("cost: no similar finished runs to estimate from\n");
    return;
  }
  const int estimated = estimate.same_config + estimate.same_kind;
  fmt::print("cost: about {} of training for {} of {} runs to do{} (median durations of similar finished runs: {} "
             "with the same config except seed and swept keys, {} with only the same experiment kind and "
             "architecture{})\n",
             duration_text(estimate.seconds), estimated, estimate.runs_to_do, asha ? ", at most (ASHA stops some early)" : "",
             estimate.same_config, estimate.same_kind,
             estimate.unestimated ? fmt::format("; {} without similar runs", estimate.unestimated) : "");
}

}  // namespace jetstudy::cli
