// Commands on stored results: status, report.
#include <fmt/format.h>

#include <map>
#include <memory>

#include "toolkit/cli/subcommand.h"
#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/report/markdown_report.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/find_study.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

struct StatusArguments {
  std::string study;
  std::string results;
};

int status(const StatusArguments& arguments) {
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
    if (arguments.study.empty()) continue;
    for (const auto& run : runs)
      fmt::print("  {}  {:<11} seed={} attempts={}{}{}\n", run.hash.substr(0, 12), store::to_string(run.status),
                 run.seed, run.attempts, run.label.empty() ? "" : "  " + run.label,
                 run.error.empty() ? "" : "  error: " + run.error);
  }
  return kExitSuccess;
}

struct ReportArguments {
  std::string study;
  std::string out;
  std::string format = "md";
  std::string results;
};

int report(const ReportArguments& arguments) {
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

}  // namespace

CommandAction define_status(CLI::App& command) {
  auto arguments = std::make_shared<StatusArguments>();
  command.add_option("study", arguments->study, "a study name (all studies when absent)");
  add_results_option(command, arguments->results);
  return [arguments] { return status(*arguments); };
}

CommandAction define_report(CLI::App& command) {
  auto arguments = std::make_shared<ReportArguments>();
  command.add_option("study", arguments->study, "a study name")->required();
  command.add_option("--out", arguments->out, "write <out>/<study>.md instead of printing");
  command.add_option("--format", arguments->format, "md");
  add_results_option(command, arguments->results);
  return [arguments] { return report(*arguments); };
}

}  // namespace jetstudy::cli
