// jetstudy's command line: one table of subcommands (DESIGN.md "CLI"). The only place that prints and exits:
// exit 0 success, 1 a run or internal failure, 2 bad input (recipe, file, arguments).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "experiments/experiment_executor.h"
#include "experiments/provenance.h"
#include "experiments/study_components.h"
#include "toolkit/cli/console_status.h"
#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/recipe/study.h"
#include "toolkit/report/markdown_report.h"
#include "toolkit/sched/local_runner.h"
#include "toolkit/sched/plan.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/find_study.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

constexpr int kExitSuccess = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

// Every option of every subcommand; each subcommand reads the ones it defines.
struct Arguments {
  std::string recipe;
  std::vector<std::string> overrides;  // --set key.path=value
  std::string results;                 // --results DIR (else $JETSTUDY_RESULTS, else ./results)
  std::string backend = "local";
  bool dry_run = false;
  bool force = false;
  std::string study;
  std::string out;
  std::string format = "md";
};

recipe::Study load(const Arguments& arguments) {
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

int command_validate(const Arguments& arguments) {
  const auto study = load(arguments);
  fmt::print("{}: valid; study '{}', {} run(s)\n", arguments.recipe, study.name, study.runs.size());
  return kExitSuccess;
}

int command_plan(const Arguments& arguments) {
  const auto study = load(arguments);
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

int command_run(const Arguments& arguments) {
  if (arguments.backend != "local")
    throw core::InputError("--backend " + arguments.backend + ": only the local backend exists in this version");
  const auto study = load(arguments);
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

int command_status(const Arguments& arguments) {
  const auto layout = sched::open_results_for_reading(sched::default_results_root(arguments.results));
  const auto store = store::Store::open(layout.database());
  auto names = arguments.study.empty() ? store.studies() : std::vector<std::string>{arguments.study};
  if (!arguments.study.empty()) store::find_study(store, arguments.study);
  for (const auto& name : names) {
    std::map<std::string, int> counts;
    const auto runs = store.runs_of_study(name);
    for (const auto& run : runs) ++counts[store::to_string(run.status)];
    std::string summary;
    for (const auto& [status, count] : counts) summary += fmt::format(" {} {},", count, status);
    if (!summary.empty()) summary.pop_back();
    fmt::print("{}: {} runs:{}\n", name, runs.size(), summary);
    if (!arguments.study.empty())
      for (const auto& run : runs)
        fmt::print("  {}  {:<11} seed={} attempts={}{}{}\n", run.hash.substr(0, 12), store::to_string(run.status),
                   run.seed, run.attempts, run.label.empty() ? "" : "  " + run.label,
                   run.error.empty() ? "" : "  error: " + run.error);
  }
  return kExitSuccess;
}

int command_report(const Arguments& arguments) {
  if (arguments.format != "md")
    throw core::InputError("--format " + arguments.format + ": only md is available in this version");
  const auto layout = sched::open_results_for_reading(sched::default_results_root(arguments.results));
  const auto store = store::Store::open(layout.database());
  const auto text = report::markdown_report(store, arguments.study);
  if (arguments.out.empty()) {
    fmt::print("{}", text);
    return kExitSuccess;
  }
  const auto path = std::filesystem::path(arguments.out) / (arguments.study + ".md");
  core::write_file_atomically(path, text);
  fmt::print("report: {}\n", path.string());
  return kExitSuccess;
}

void add_recipe_arguments(CLI::App& command, Arguments& arguments) {
  command.add_option("recipe", arguments.recipe, "the study recipe (YAML)")->required();
  command.add_option("--set", arguments.overrides, "override a recipe key: --set train.epochs=3 (repeatable)");
}

void add_results_option(CLI::App& command, Arguments& arguments) {
  command.add_option("--results", arguments.results, "results directory (default $JETSTUDY_RESULTS or ./results)");
}

struct Subcommand {
  const char* name;
  const char* summary;
  void (*define)(CLI::App&, Arguments&);
  int (*run)(const Arguments&);
};

const Subcommand kSubcommands[] = {
    {"run", "run every sweep point x seed of a recipe that is not done yet",
     [](CLI::App& c, Arguments& a) {
       add_recipe_arguments(c, a);
       add_results_option(c, a);
       c.add_option("--backend", a.backend, "local (slurm, htcondor: later)");
       c.add_flag("--dry-run", a.dry_run, "show the plan, do nothing");
       c.add_flag("--force", a.force, "run again even runs that are done");
     },
     command_run},
    {"plan", "list the runs of a recipe: to do, already done",
     [](CLI::App& c, Arguments& a) {
       add_recipe_arguments(c, a);
       add_results_option(c, a);
     },
     command_plan},
    {"validate", "check a recipe; exit 0 if valid, 2 with file:line:col if not",
     [](CLI::App& c, Arguments& a) { add_recipe_arguments(c, a); }, command_validate},
    {"status", "runs per status, for every study or one",
     [](CLI::App& c, Arguments& a) {
       c.add_option("study", a.study, "a study name");
       add_results_option(c, a);
     },
     command_status},
    {"report", "comparison table of a study (median and spread over seeds)",
     [](CLI::App& c, Arguments& a) {
       c.add_option("study", a.study, "a study name")->required();
       c.add_option("--out", a.out, "write <out>/<study>.md instead of printing");
       c.add_option("--format", a.format, "md");
       add_results_option(c, a);
     },
     command_report},
};

int main_with_exit_code(int argc, char** argv) {
  CLI::App app{"jetstudy: deep-learning studies on jet images, from one YAML recipe"};
  app.require_subcommand(1);
  Arguments arguments;
  std::vector<std::pair<CLI::App*, const Subcommand*>> commands;
  for (const auto& subcommand : kSubcommands) {
    auto* command = app.add_subcommand(subcommand.name, subcommand.summary);
    subcommand.define(*command, arguments);
    commands.emplace_back(command, &subcommand);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitSuccess : kExitBadInput;
  }
  for (const auto& [command, subcommand] : commands) {
    if (!command->parsed()) continue;
    try {
      return subcommand->run(arguments);
    } catch (const core::InputError& error) {
      fmt::print(stderr, "{}\n", error.what());
      return kExitBadInput;
    } catch (const core::Interrupted&) {
      fmt::print(stderr, "\ninterrupted: the current run is marked interrupted; `jetstudy run` again redoes it\n");
      return kExitFailure;
    } catch (const std::exception& error) {
      fmt::print(stderr, "error: {}\n", error.what());
      return kExitFailure;
    }
  }
  return kExitBadInput;
}

}  // namespace
}  // namespace jetstudy::cli

int main(int argc, char** argv) { return jetstudy::cli::main_with_exit_code(argc, argv); }
