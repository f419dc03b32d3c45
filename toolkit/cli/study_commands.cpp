// Commands on a recipe: run, plan, validate.
#include <fmt/format.h>

#include <memory>

#include "experiments/experiment_executor.h"
#include "experiments/provenance.h"
#include "experiments/study_components.h"
#include "toolkit/cli/console_status.h"
#include "toolkit/cli/subcommand.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/recipe/study.h"
#include "toolkit/sched/local_runner.h"
#include "toolkit/sched/plan.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

recipe::Study load(const RecipeArguments& arguments) {
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

struct RunArguments {
  RecipeArguments recipe;
  std::string results;
  std::string backend = "local";
  bool dry_run = false;
  bool force = false;
};

int run(const RunArguments& arguments) {
  if (arguments.backend != "local")
    throw core::InputError("--backend " + arguments.backend + ": only the local backend exists in this version");
  const auto study = load(arguments.recipe);
  const auto layout = sched::prepare_results_for_writing(sched::default_results_root(arguments.results));
  auto store = store::Store::open(layout.database());
  for (const auto& hash : store.interrupt_orphaned_runs())
    fmt::print(stderr, "run {} was left running by a process that is gone: marked interrupted\n", hash.substr(0, 12));
  const auto plan = sched::make_plan(study, store, arguments.force);
  print_plan(plan);
  if (arguments.dry_run) return kExitSuccess;

  ConsoleStatus status;
  experiments::ExperimentExecutor executor(layout.cache());
  auto environment = experiments::current_environment();
  environment.backend = "local";
  sched::LocalRunner runner(store, layout, executor, status, environment);
  core::install_interrupt_handlers();
  const auto summary = runner.run(study, plan, arguments.force);
  fmt::print("study {}: {} trained, {} ingested, {} already done, {} failed; results in {}\n", study.name,
             summary.done, summary.ingested, summary.skipped, summary.failed, layout.root.string());
  for (const auto& error : summary.errors) fmt::print(stderr, "failed: {}\n", error);
  fmt::print("next: jetstudy report {}{}\n", study.name,
             arguments.results.empty() ? "" : " --results " + arguments.results);
  return summary.failed > 0 ? kExitFailure : kExitSuccess;
}

struct PlanArguments {
  RecipeArguments recipe;
  std::string results;
};

int plan(const PlanArguments& arguments) {
  const auto study = load(arguments.recipe);
  const auto root = sched::default_results_root(arguments.results);
  if (!std::filesystem::exists(sched::ResultsLayout{root}.database())) {
    fmt::print("(no results at {} yet: every run is to do)\n", root.string());
    print_plan(sched::make_fresh_plan(study));
    return kExitSuccess;
  }
  const auto store = store::Store::open(sched::open_results_for_reading(root).database());
  print_plan(sched::make_plan(study, store, false));
  return kExitSuccess;
}

int validate(const RecipeArguments& arguments) {
  const auto study = load(arguments);
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

CommandAction define_run(CLI::App& command) {
  auto arguments = std::make_shared<RunArguments>();
  add_recipe_arguments(command, arguments->recipe);
  add_results_option(command, arguments->results);
  command.add_option("--backend", arguments->backend, "local (slurm, htcondor: later)");
  command.add_flag("--dry-run", arguments->dry_run, "show the plan, do nothing");
  command.add_flag("--force", arguments->force, "run again even runs that are done");
  return [arguments] { return run(*arguments); };
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
