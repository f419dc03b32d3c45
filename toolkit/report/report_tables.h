// The tables of a comparison report, as rows of text cells: one model shared by the Markdown, HTML and CSV writers
// so that every format shows the same numbers. Display tables put "median ± spread" in one cell; data tables (CSV)
// give median, spread and count their own columns at full precision.
#pragma once

#include <string>
#include <vector>

#include "toolkit/report/study_report.h"

namespace jetstudy::report {

struct Table {
  std::string name;   // file stem for CSV: "configurations", "ensemble", "paired_differences", ...
  std::string title;  // heading shown above the table
  std::vector<std::string> columns;
  std::vector<bool> numeric;  // per column: right-aligned
  std::vector<std::vector<std::string>> rows;
  std::string caption;        // what the numbers mean, shown below the table
};

enum class TableStyle { display, data };

// configurations, ensemble, paired_differences, expectations, runs_not_done, provenance -- the empty ones left out,
// except configurations (always there).
std::vector<Table> report_tables(const StudyReport& report, TableStyle style);

// "0.9200 ± 0.0200", "110.0 ± 15.3 (n=2)" when fewer seeds reported it than are done, "–" for none.
std::string summary_cell(const MetricSummary* metric, std::size_t done_runs, int decimals);

// A number for display with `decimals` decimals ("∞" for +infinity); decimals < 0: shortest form.
std::string format_number(double value, int decimals);

// "3 done, 1 pending, 1 failed": non-zero counts only, in a fixed order.
std::string status_counts(const std::vector<store::RunRecord>& runs);

}  // namespace jetstudy::report
