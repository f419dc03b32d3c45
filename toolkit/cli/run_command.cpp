// `jetstudy run`: plans a study and executes the runs that are not done yet.
#include <fmt/format.h>

#include <memory>

#include "experiments/experiment_executor.h"
#include "experiments/provenance.h"
#include "toolkit/cli/console_status.h"
#include "toolkit/cli/study_loading.h"
#include "toolkit/cli/subcommand.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/sched/local_runner.h"
#include "toolkit/sched/plan.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

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
  const auto study = load_recipe_study(arguments.recipe);
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

}  // namespace

CommandAction define_run(CLI::App& command) {
  auto arguments = std::make_shared<RunArguments>();
  add_recipe_arguments(command, arguments->recipe);
  add_results_option(command, arguments->results);
  command.add_option("--backend", arguments->backend, "local (slurm, htcondor: later)");
  command.add_flag("--dry-run", arguments->dry_run, "show the plan, do nothing");
  command.add_flag("--force", arguments->force, "run again even runs that are done");
  return [arguments] { return run(*arguments); };
}

}  // namespace jetstudy::cli
