// jetstudy's command line: one table of subcommands (DESIGN.md "CLI"), each defined in its own file. The only
// place that prints errors and chooses the exit code: 0 success, 1 a run or internal failure, 2 bad input.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <vector>

#include "toolkit/cli/subcommand.h"
#include "toolkit/core/error.h"

namespace jetstudy::cli {
namespace {

const Subcommand kSubcommands[] = {
    {"run", "run every sweep point x seed of a recipe that is not done yet", define_run},
    {"plan", "list the runs of a recipe: to do, already done", define_plan},
    {"validate", "check a recipe; exit 0 if valid, 2 with file:line:col if not", define_validate},
    {"status", "runs per status, for every study or one", define_status},
    {"report", "comparison report of a study: tables and figures as html, md, csv or json", define_report},
    {"compare", "the same report for runs (hash prefixes) and studies side by side, across studies", define_compare},
    {"evaluate", "score a finished classifier run on another recipe's dataset (cross-evaluation)", define_evaluate},
    {"import-scores", "per-jet scores of a tagger trained elsewhere, stored as a run on a dataset's test split",
     define_import_scores},
    {"dataset", "build the datasets of a recipe, or inspect a dataset file", define_dataset},
    {"generate", "write events of the built-in generator to a HepMC3, jetstudy HDF5 or JSON-lines file", define_generate},
    {"bench", "speed figures against peers measured in the same run", define_bench},
    {"jets", "cluster the events of a file and print the jets (pT-ordered, GeV)", define_jets},
    {"worker", "execute runs for a backend (the local pool, Slurm, HTCondor); see docs/scheduler.md", define_worker},
};

int run_parsed(const CommandAction& action) {
  try {
    return action();
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

int main_with_exit_code(int argc, char** argv) {
  CLI::App app{"jetstudy: deep-learning studies on jet images, from one YAML recipe"};
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, CommandAction>> commands;
  for (const auto& subcommand : kSubcommands) {
    auto* command = app.add_subcommand(subcommand.name, subcommand.summary);
    commands.emplace_back(command, subcommand.define(*command));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kExitSuccess : kExitBadInput;
  }
  for (const auto& [command, action] : commands)
    if (command->parsed()) return run_parsed(action);
  return kExitBadInput;
}

}  // namespace
}  // namespace jetstudy::cli

int main(int argc, char** argv) { return jetstudy::cli::main_with_exit_code(argc, argv); }
