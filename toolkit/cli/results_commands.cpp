// Commands on stored results: status, report.
#include <fmt/format.h>

#include <map>
#include <memory>

#include "toolkit/cli/cluster_run.h"
#include "toolkit/cli/subcommand.h"
#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/report/report_output.h"
#include "toolkit/report/study_report.h"
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
    std::size_t earlier = 0;
    for (const auto& run : runs) {
      ++counts[store::to_string(run.status)];
      if (!run.current) ++earlier;
    }
    std::string summary;
    for (const auto& [status, count] : counts) summary += fmt::format(" {} {},", count, status);
    if (!summary.empty()) summary.pop_back();
    // Runs of earlier versions of the recipe (edited since) stay listed, marked; reports leave them out.
    if (earlier > 0) summary += fmt::format("; {} of earlier versions of the recipe", earlier);
    fmt::print("{}: {} runs:{}\n", name, runs.size(), summary);
    if (arguments.study.empty()) continue;
    // Runs handed to Slurm or HTCondor: what the scheduler says of their task now (squeue/scontrol, condor_q).
    std::vector<std::string> on_cluster;
    for (const auto& run : runs)
      if (run.status == store::RunStatus::running && (run.backend == "slurm" || run.backend == "htcondor"))
        on_cluster.push_back(run.hash);
    const auto scheduler = scheduler_states(layout, on_cluster);
    for (const auto& run : runs) {
      const auto task = scheduler.find(run.hash);
      fmt::print("  {}  {:<11} seed={} attempts={}{}{}{}{}\n", run.hash.substr(0, 12), store::to_string(run.status),
                 run.seed, run.attempts, run.label.empty() ? "" : "  " + run.label,
                 run.current ? "" : fmt::format("  (earlier recipe, v{})", run.recipe_version),
                 task == scheduler.end() ? "" : "  [" + task->second + "]",
                 run.error.empty() ? "" : "  error: " + run.error);
    }
  }
  return kExitSuccess;
}

struct ReportArguments {
  std::string study;
  std::string out;  // a directory, or "-" for standard output; empty: see emit_report
  std::string format = "html";
  std::string reference;
  std::string results;
  bool all = false;  // also runs of earlier versions of the recipe
};

int report(const ReportArguments& arguments) {
  const auto layout = sched::open_results_for_reading(sched::default_results_root(arguments.results));
  const auto store = store::Store::open(layout.database());
  report::ReportOptions options;
  options.reference = arguments.reference;
  options.include_earlier_versions = arguments.all;
  options.results_root = layout.root;
  const auto built = report::study_report(store, arguments.study, options);
  const std::string name = report::safe_directory_name(arguments.study);
  return emit_report(built, arguments.format, arguments.out, layout.reports() / name, name);
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
  command.add_option("--out", arguments->out,
                     "directory to write <study>.<format> into; default: md and json to standard output, html "
                     "and csv into <results>/reports/<study>/; '-' prints html too");
  command.add_option("--format", arguments->format, "html (default), md, csv (one file per table) or json");
  command.add_option("--reference", arguments->reference,
                     "label of the configuration paired differences and ratios are taken to (default: the first)");
  command.add_flag("--all", arguments->all,
                   "also show runs of earlier versions of the recipe (edited since), as configurations labelled "
                   "\"(recipe vN)\"");
  add_results_option(command, arguments->results);
  return [arguments] { return report(*arguments); };
}

}  // namespace jetstudy::cli
