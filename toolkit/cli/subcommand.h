// A jetstudy subcommand: its name, a one-line summary, and a function that declares its options on a CLI11
// subcommand and returns what to run once they are parsed. main.cpp holds the one table of subcommands.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace jetstudy::cli {

// Exit codes (DESIGN.md): success, a run or internal failure, bad input (recipe, file, arguments).
constexpr int kExitSuccess = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

using CommandAction = std::function<int()>;

struct Subcommand {
  const char* name;
  const char* summary;
  CommandAction (*define)(CLI::App& command);
};

// Options several subcommands share.
struct RecipeArguments {
  std::string recipe;
  std::vector<std::string> overrides;  // --set key.path=value
};
void add_recipe_arguments(CLI::App& command, RecipeArguments& arguments);
// --results DIR (else $JETSTUDY_RESULTS, else ./results)
void add_results_option(CLI::App& command, std::string& results);

// Defined in run_command.cpp, study_commands.cpp, results_commands.cpp, dataset_commands.cpp, events_commands.cpp,
// bench_commands.cpp and evaluate_command.cpp.
CommandAction define_run(CLI::App& command);
CommandAction define_plan(CLI::App& command);
CommandAction define_validate(CLI::App& command);
CommandAction define_status(CLI::App& command);
CommandAction define_report(CLI::App& command);
CommandAction define_dataset(CLI::App& command);
CommandAction define_jets(CLI::App& command);
CommandAction define_generate(CLI::App& command);
CommandAction define_bench(CLI::App& command);
CommandAction define_evaluate(CLI::App& command);

}  // namespace jetstudy::cli
