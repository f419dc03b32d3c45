#include "toolkit/report/report_tables.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "toolkit/core/canonical_json.h"

namespace jetstudy::report {
namespace {

using store::RunStatus;

constexpr const char* kNothing = "–";
const RunStatus kStatusOrder[] = {RunStatus::done, RunStatus::running, RunStatus::pending, RunStatus::failed,
                                  RunStatus::interrupted};

// Full precision for data files: the shortest text that reads back as the same double.
std::string exact(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return fmt::format("{}", value);
}

std::string optional_exact(const std::optional<double>& value) { return value ? exact(*value) : ""; }

// A number as a cell: rounded to `decimals` for display (format_number), at full precision in data files; a
// missing one is a dash for display and empty in data files.
std::string number_cell(const std::optional<double>& value, int decimals, bool display) {
  if (!value) return display ? kNothing : "";
  return display ? format_number(*value, decimals) : exact(*value);
}

Table configurations_table(const StudyReport& report, TableStyle style) {
  Table table;
  table.name = "configurations";
  table.title = "Configurations";
  const bool display = style == TableStyle::display;
  const auto add_column = [&](std::string name, bool numeric) {
    table.columns.push_back(std::move(name));
    table.numeric.push_back(numeric);
  };
  add_column("configuration", false);
  if (!display) {
    add_column("study", false);
    add_column("point", false);
  }
  add_column(display ? "seeds done" : "runs", true);
  if (!display) add_column("done", true);
  add_column("status", false);
  for (const std::string& metric : report.metrics) {
    if (display) {
      add_column(metric_heading(metric), true);
      continue;
    }
    add_column(metric + " median", true);
    add_column(metric + " spread", true);
    add_column(metric + " n", true);
  }
  add_column("notes", false);

  for (const Configuration& configuration : report.configurations) {
    const std::size_t done = configuration.done_runs();
    std::vector<std::string> row{configuration.label};
    if (display) {
      row.push_back(fmt::format("{}/{}", done, configuration.runs.size()));
    } else {
      row.push_back(configuration.study);
      row.push_back(core::canonical_json(configuration.point));
      row.push_back(std::to_string(configuration.runs.size()));
      row.push_back(std::to_string(done));
    }
    row.push_back(status_counts(configuration.runs));
    for (const std::string& metric : report.metrics) {
      const auto found = configuration.metrics.find(metric);
      const MetricSummary* summary = found == configuration.metrics.end() ? nullptr : &found->second;
      if (display) {
        row.push_back(summary_cell(summary, done, metric_decimals(metric)));
        continue;
      }
      row.push_back(summary ? exact(summary->summary.median) : "");
      row.push_back(summary ? optional_exact(summary->summary.spread) : "");
      row.push_back(summary ? std::to_string(summary->summary.count) : "0");
    }
    row.push_back(fmt::format("{}", fmt::join(configuration.notes, "; ")));
    table.rows.push_back(std::move(row));
  }
  table.caption =
      "Test-split metrics: median over the done seeds ± sample standard deviation (one seed: its value alone; n: "
      "seeds that reported the metric, when fewer than those done). 1/εB@x is the background rejection at signal "
      "efficiency x; SIC max the maximum of εS/√εB. Runs that are not done are counted under status and enter no "
      "statistic.";
  return table;
}

Table ensemble_table(const StudyReport& report, TableStyle style) {
  Table table;
  table.name = "ensemble";
  table.title = "Ensembles (mean output over seeds)";
  table.columns = {"configuration", "members", "jets", "AUC", "1/εB@0.3", "1/εB@0.5", "SIC max", "median AUC of seeds"};
  if (style == TableStyle::data)
    table.columns = {"configuration", "members", "jets", "auc", "rejection@0.3", "rejection@0.5", "sic_max",
                     "seed median auc"};
  table.numeric = {false, true, true, true, true, true, true, true};
  const bool display = style == TableStyle::display;
  for (const Configuration& configuration : report.configurations) {
    if (!configuration.ensemble) continue;
    const Ensemble& e = *configuration.ensemble;
    const auto number = [&](double value, int decimals) { return number_cell(value, decimals, display); };
    const auto auc = configuration.metrics.find("auc");
    const std::string seed_median = number_cell(
        auc == configuration.metrics.end() ? std::nullopt : std::optional(auc->second.summary.median), 4, display);
    table.rows.push_back({configuration.label, std::to_string(e.members), std::to_string(e.jets), number(e.auc, 4),
                          number(e.rejection_03, 1), number(e.rejection_05, 1), number(e.sic_max, 2), seed_median});
  }
  table.caption =
      "Each jet scored by the mean output of the configuration's seeds (their predictions.h5 files), then re-scored: "
      "the ensemble of the top-tagging landscape (arXiv:1902.09914).";
  return table;
}

Table differences_table(const StudyReport& report, TableStyle style) {
  Table table;
  table.name = "paired_differences";
  table.title = "Paired differences to " + report.reference;
  table.columns = {"configuration", "reference", "metric", "seeds", "mean difference", "standard error"};
  table.numeric = {false, false, false, true, true, true};
  const bool display = style == TableStyle::display;
  for (const PairedDifference& d : report.differences) {
    const int decimals = metric_decimals(d.metric) + 1;
    table.rows.push_back(
        {d.configuration, d.reference, display ? metric_heading(d.metric) : d.metric, std::to_string(d.pairs),
         display ? fmt::format("{:+.{}f}", d.mean, decimals) : exact(d.mean),
         number_cell(d.standard_error, decimals, display)});
  }
  table.caption =
      "variant − reference on each seed both were trained with, averaged over those seeds; standard error = sample "
      "standard deviation of the differences / √seeds.";
  return table;
}

Table expectations_table(const StudyReport& report, TableStyle style) {
  Table table;
  table.name = "expectations";
  table.title = "Published figures (the recipe's expect:) beside ours";
  table.columns = {"configuration", "metric", "published", "tolerance", "published on", "ours (median)", "verdict"};
  table.numeric = {false, false, true, true, false, true, false};
  const bool display = style == TableStyle::display;
  for (const ExpectationCheck& check : report.expectations) {
    const int decimals = metric_decimals(check.metric);
    const std::string verdict = !check.ours ? "not measured" : check.within() ? "within" : "outside";
    table.rows.push_back({check.configuration, display ? metric_heading(check.metric) : check.metric,
                          number_cell(check.published, -1, display),
                          display ? "± " + format_number(check.tolerance, -1) : exact(check.tolerance), check.dataset,
                          number_cell(check.ours, decimals, display),
                          verdict});
  }
  table.caption =
      "within: |ours − published| ≤ tolerance. The published figure was measured on the dataset named under "
      "\"published on\" (the expect entry's dataset:, else the recipe's data.source); ours on the data the runs "
      "used.";
  return table;
}

Table runs_not_done_table(const StudyReport& report) {
  Table table;
  table.name = "runs_not_done";
  table.title = "Runs that are not done";
  table.columns = {"configuration", "seed", "run", "status", "attempts", "error"};
  table.numeric = {false, true, false, false, true, false};
  for (const RunNotDone& run : report.runs_not_done)
    table.rows.push_back({run.configuration, std::to_string(run.seed), run.hash.substr(0, 12),
                          store::to_string(run.status), std::to_string(run.attempts), run.error});
  table.caption = "Failed and interrupted runs with the error of their last attempt; pending and running runs enter no "
                  "statistic yet.";
  return table;
}

Table provenance_table(const StudyReport& report) {
  Table table;
  table.name = "provenance";
  table.title = "Provenance";
  table.columns = {"what", "value", "runs"};
  table.numeric = {false, false, true};
  for (const ProvenanceEntry& entry : report.provenance)
    table.rows.push_back({entry.what, entry.value, std::to_string(entry.runs)});
  table.caption = "Where and with what the runs were made; dataset: content hash of the runs' data: and images: blocks.";
  return table;
}

}  // namespace

std::string format_number(double value, int decimals) {
  if (std::isinf(value)) return value > 0 ? "∞" : "−∞";
  if (std::isnan(value)) return "NaN";
  if (decimals < 0) return fmt::format("{:g}", value);
  return fmt::format("{:.{}f}", value, decimals);
}

std::string summary_cell(const MetricSummary* metric, std::size_t done_runs, int decimals) {
  if (metric == nullptr || metric->summary.count == 0) return kNothing;
  std::string cell = format_number(metric->summary.median, decimals);
  if (metric->summary.spread) cell += " ± " + format_number(*metric->summary.spread, decimals);
  if (metric->summary.count < done_runs) cell += fmt::format(" (n={})", metric->summary.count);
  return cell;
}

std::string status_counts(const std::vector<store::RunRecord>& runs) {
  std::string text;
  for (RunStatus status : kStatusOrder) {
    const auto count = std::count_if(runs.begin(), runs.end(), [&](const store::RunRecord& r) { return r.status == status; });
    if (count == 0) continue;
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {}", count, store::to_string(status));
  }
  return text;
}

std::vector<Table> report_tables(const StudyReport& report, TableStyle style) {
  std::vector<Table> tables{configurations_table(report, style)};
  for (Table table : {ensemble_table(report, style), differences_table(report, style), expectations_table(report, style),
                      runs_not_done_table(report), provenance_table(report)})
    if (!table.rows.empty()) tables.push_back(std::move(table));
  return tables;
}

}  // namespace jetstudy::report
