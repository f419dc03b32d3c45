#include "toolkit/report/markdown_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "toolkit/core/canonical_json.h"
#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/report/seed_statistics.h"
#include "toolkit/store/find_study.h"
#include "toolkit/store/utc_time.h"

namespace jetstudy::report {
namespace {

using store::RunRecord;
using store::RunStatus;

// The columns of the table: which test-split metric, its heading, and how many decimals it deserves.
struct MetricColumn {
  const char* name;
  const char* heading;
  int decimals;
};
const MetricColumn kColumns[] = {
    {"auc", "AUC", 4},
    {"rejection@0.3", "1/εB@0.3", 1},
    {"rejection@0.5", "1/εB@0.5", 1},
};
constexpr const char* kSplit = "test";
constexpr const char* kNothing = "–";

// Statuses in the order the report lists them.
const RunStatus kStatusOrder[] = {RunStatus::done, RunStatus::running, RunStatus::pending, RunStatus::failed,
                                  RunStatus::interrupted};

// The runs of one sweep point: they differ only in their seed.
struct Configuration {
  std::string display;
  std::vector<const RunRecord*> runs;
};

std::string display_name(const RunRecord& run) {
  if (!run.label.empty()) return run.label;
  if (run.point.is_null() || run.point.empty()) return "(default)";
  return core::canonical_json(run.point);
}

// Configurations in the order their first run was added to the study.
std::vector<Configuration> group_by_point(const std::vector<RunRecord>& runs) {
  std::vector<Configuration> configurations;
  std::map<std::string, std::size_t> index_of_point;
  for (const RunRecord& run : runs) {
    const auto [where, inserted] = index_of_point.emplace(core::canonical_json(run.point), configurations.size());
    if (inserted) configurations.push_back({display_name(run), {}});
    configurations[where->second].runs.push_back(&run);
  }
  return configurations;
}

// "3 done, 1 failed": non-zero counts only.
std::string status_counts(const std::vector<const RunRecord*>& runs) {
  std::string text;
  for (RunStatus status : kStatusOrder) {
    const auto count = std::count_if(runs.begin(), runs.end(), [&](const RunRecord* r) { return r->status == status; });
    if (count == 0) continue;
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {}", count, store::to_string(status));
  }
  return text;
}

// "0.9200 ± 0.0200", "0.9500" for one seed, "0.9300 ± 0.0100 (n=2)" when some done seeds lack the metric.
std::string metric_cell(const store::Store& store, const std::vector<const RunRecord*>& done_runs,
                        const MetricColumn& column) {
  std::vector<double> values;
  for (const RunRecord* run : done_runs) {
    for (const store::MetricValue& metric : store.metrics_of_run(run->hash)) {
      if (metric.split == kSplit && metric.name == column.name && !metric.epoch) {
        values.push_back(metric.value);
        break;
      }
    }
  }
  if (values.empty()) return kNothing;
  const SeedSummary summary = summarize_seeds(values);
  std::string cell = fmt::format("{:.{}f}", summary.median, column.decimals);
  if (summary.spread) cell += fmt::format(" ± {:.{}f}", *summary.spread, column.decimals);
  if (values.size() < done_runs.size()) cell += fmt::format(" (n={})", values.size());
  return cell;
}

std::string one_line(std::string_view text, std::size_t max_length) {
  std::string line = escape_markdown_cell(text);
  if (line.size() <= max_length) return line;
  std::size_t cut = max_length;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 char
  return line.substr(0, cut) + "…";
}

}  // namespace

std::string escape_markdown_cell(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || c == '|') {
      escaped += '\\';
      escaped += c;
    } else if (c == '\n' || c == '\r') {
      escaped += ' ';
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string markdown_report(const store::Store& store, const std::string& study,
                            std::chrono::system_clock::time_point generated_at) {
  const store::StudyRecord record = store::find_study(store, study);

  const std::vector<RunRecord> runs = store.runs_of_study(study);
  const std::vector<Configuration> configurations = group_by_point(runs);
  std::vector<const RunRecord*> all_runs;
  for (const RunRecord& run : runs) all_runs.push_back(&run);

  std::string out;
  out += fmt::format("# jetstudy report: {}\n\n", study);
  out += fmt::format("- recipe: {}\n", record.recipe_path);
  out += fmt::format("- runs: {}{}\n", runs.size(), runs.empty() ? "" : " (" + status_counts(all_runs) + ")");
  out += fmt::format("- configurations: {}\n", configurations.size());
  out += fmt::format("- generated: {}\n\n", store::utc_iso8601(generated_at));

  out += "| configuration | seeds done | status";
  for (const MetricColumn& column : kColumns) out += fmt::format(" | {}", column.heading);
  out += " |\n|:--|--:|:--";
  for (std::size_t i = 0; i < std::size(kColumns); ++i) out += "|--:";
  out += "|\n";

  for (const Configuration& configuration : configurations) {
    std::vector<const RunRecord*> done;
    for (const RunRecord* run : configuration.runs) {
      if (run->status == RunStatus::done) done.push_back(run);
    }
    out += fmt::format("| {} | {}/{} | {}", escape_markdown_cell(configuration.display), done.size(),
                       configuration.runs.size(), status_counts(configuration.runs));
    for (const MetricColumn& column : kColumns) out += " | " + metric_cell(store, done, column);
    out += " |\n";
  }

  out += fmt::format(
      "\nMetrics on the {} split: median over the done seeds ± sample standard deviation (one seed: its value "
      "alone; n: seeds that reported the metric, when fewer than those done). 1/εB@x is the background "
      "rejection at signal efficiency x. Runs that are not done are counted under \"status\" and enter no "
      "statistic.\n",
      kSplit);

  // Failures are listed with their reason: a study is only as good as the runs that did not fail.
  std::string failures;
  for (const Configuration& configuration : configurations) {
    for (const RunRecord* run : configuration.runs) {
      if (run->status != RunStatus::failed && run->status != RunStatus::interrupted) continue;
      failures += fmt::format("| {} | {} | `{}` | {} | {} |\n", escape_markdown_cell(configuration.display),
                              run->seed, run->hash.substr(0, 12), store::to_string(run->status),
                              one_line(run->error, 160));
    }
  }
  if (!failures.empty()) {
    out += "\n## Runs that failed or were interrupted\n\n";
    out += "| configuration | seed | run | status | error |\n|:--|--:|:--|:--|:--|\n";
    out += failures;
  }
  return out;
}

}  // namespace jetstudy::report
