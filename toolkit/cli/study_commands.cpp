// Commands on a recipe that do no training: plan, validate (and the recipe options every recipe command shares).
#include <fmt/format.h>

#include <memory>

#include "toolkit/cli/study_loading.h"
#include "toolkit/cli/subcommand.h"
#include "toolkit/core/error.h"
#include "toolkit/recipe/study.h"
#include "toolkit/sched/cost_estimate.h"
#include "toolkit/sched/plan.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

struct PlanArguments {
  RecipeArguments recipe;
  std::string results;
};

int plan(const PlanArguments& arguments) {
  auto study = load_recipe_study(arguments.recipe);
  const auto asha = study.asha;
  const auto root = sched::default_results_root(arguments.results);
  if (!std::filesystem::exists(sched::ResultsLayout{root}.database())) {
    fmt::print("(no results at {} yet: every run is to do)\n", root.string());
    const auto plan = sched::make_fresh_plan(std::move(study));
    print_plan(plan);
    print_cost_estimate(sched::estimate_cost(plan, {}), asha);
    return kExitSuccess;
  }
  const auto store = store::Store::open(sched::open_results_for_reading(root).database());
  const auto plan = sched::make_plan(std::move(study), store, false);
  print_plan(plan);
  print_cost_estimate(sched::estimate_cost(plan, sched::finished_runs(store)), asha);
  return kExitSuccess;
}

int validate(const RecipeArguments& arguments) {
  const auto study = load_recipe_study(arguments);
  fmt::print("{}: valid; study '{}', {} run(s)\n", arguments.recipe, study.name, study.runs.size());
  return kExitSuccess;
}

}  // namespace

void add_recipe_arguments(CLI::App& command, RecipeArguments& arguments) {
  command.add_option("recipe", arguments.recipe, "the study recipe (YAML)")->required();
  command.add_option("--set", arguments.overrides, "override a recipe key: --set train.epochs=3 (repeatable)");
}

void add_results_option(CLI::App& command, std::string& results) {
  command.add_option("--results", results, "results directory (default $JETSTUDY_RESULTS or ./results)");
}

CommandAction define_plan(CLI::App& command) {
  auto arguments = std::make_shared<PlanArguments>();
  add_recipe_arguments(command, arguments->recipe);
  add_results_option(command, arguments->results);
  return [arguments] { return plan(*arguments); };
}

CommandAction define_validate(CLI::App& command) {
  auto arguments = std::make_shared<RecipeArguments>();
  add_recipe_arguments(command, *arguments);
  return [arguments] { return validate(*arguments); };
}

}  // namespace jetstudy::cli
