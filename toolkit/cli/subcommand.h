// A jetstudy subcommand: its name, a one-line summary, and a function that declares its options on a CLI11
// subcommand and returns what to run once they are parsed. main.cpp holds the one table of subcommands.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace jetstudy::report {
struct StudyReport;
}

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
CommandAction define_compare(CLI::App& command);  // compare_command.cpp
CommandAction define_dataset(CLI::App& command);
CommandAction define_jets(CLI::App& command);
CommandAction define_generate(CLI::App& command);
CommandAction define_bench(CLI::App& command);
CommandAction define_evaluate(CLI::App& command);
CommandAction define_worker(CLI::App& command);  // worker_command.cpp
CommandAction define_import_scores(CLI::App& command);  // import_scores_command.cpp

// Writes a built report (jetstudy report, jetstudy compare) as --format html|md|csv|json: into `out` (a directory)
// as <stem>.<ext> or <stem>-<table>.csv, printing "report: <path>" per file; without `out`, md and json go to
// standard output and html and csv into `default_directory`; out "-": standard output (not for csv).
int emit_report(const report::StudyReport& built, const std::string& format, const std::string& out,
                const std::filesystem::path& default_directory, const std::string& stem);

}  // namespace jetstudy::cli
