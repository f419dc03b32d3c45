// `jetstudy compare RUN_OR_STUDY...`: the report's tables and figures for a set of runs (hash prefixes) and
// studies, across studies; and emit_report, which `jetstudy report` shares: format, figures, destination.
#include <fmt/format.h>

#include <memory>

#include "toolkit/cli/subcommand.h"
#include "toolkit/core/canonical_json.h"
#include "toolkit/core/error.h"
#include "toolkit/report/report_figures.h"
#include "toolkit/report/report_output.h"
#include "toolkit/report/study_report.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

struct CompareArguments {
  std::vector<std::string> items;
  std::string out;
  std::string format = "html";
  std::string reference;
  bool all = false;  // studies: include runs of earlier recipe versions
  std::string results;
};

// compare-<names>-<hash>: readable, and distinct for distinct sets of names.
std::string comparison_name(const std::vector<std::string>& items) {
  std::string names;
  for (const std::string& item : items) names += (names.empty() ? "" : "+") + item;
  if (names.size() > 60) names.resize(60);
  return report::safe_directory_name("compare-" + names + "-" + core::content_hash(items).substr(0, 8));
}

int compare(const CompareArguments& arguments) {
  const auto layout = sched::open_results_for_reading(sched::default_results_root(arguments.results));
  const auto store = store::Store::open(layout.database());
  report::ReportOptions options;
  options.reference = arguments.reference;
  options.results_root = layout.root;
  options.include_earlier_versions = arguments.all;
  const auto built = report::comparison_report(store, arguments.items, options);
  const std::string name = comparison_name(arguments.items);
  return emit_report(built, arguments.format, arguments.out, layout.reports() / name, name);
}

}  // namespace

int emit_report(const report::StudyReport& built, const std::string& format_name, const std::string& out,
                const std::filesystem::path& default_directory, const std::string& stem) {
  const report::ReportFormat format = report::parse_report_format(format_name);
  const bool text_format = format == report::ReportFormat::markdown || format == report::ReportFormat::json;
  const std::vector<report::Figure> figures =
      format == report::ReportFormat::html ? report::report_figures(built) : std::vector<report::Figure>{};
  if (out == "-" || (out.empty() && text_format)) {
    if (format == report::ReportFormat::csv)
      throw core::InputError("--out -: csv reports are one file per table; give --out a directory");
    fmt::print("{}", report::render_report(built, format, figures));
    return kExitSuccess;
  }
  const std::filesystem::path directory = out.empty() ? default_directory : std::filesystem::path(out);
  for (const auto& path : report::write_report(built, format, directory, stem, figures))
    fmt::print("report: {}\n", path.string());
  return kExitSuccess;
}

CommandAction define_compare(CLI::App& command) {
  auto arguments = std::make_shared<CompareArguments>();
  command.add_option("runs_or_studies", arguments->items, "run hash prefixes and/or study names")->required();
  command.add_option("--out", arguments->out,
                     "directory to write into; default: md and json to standard output, html and csv into "
                     "<results>/reports/compare-<names>-<hash>/; '-' prints html too");
  command.add_option("--format", arguments->format, "html (default), md, csv (one file per table) or json");
  command.add_flag("--all", arguments->all,
                   "for studies: also show runs of earlier versions of their recipes (runs named by hash always show)");
  command.add_option("--reference", arguments->reference,
                     "label of the configuration differences are taken to, e.g. 'study / lr=1e-3' (default: the first)");
  add_results_option(command, arguments->results);
  return [arguments] { return compare(*arguments); };
}

}  // namespace jetstudy::cli
