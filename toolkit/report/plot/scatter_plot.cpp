// See scatter_plot.h. Labels are gnuplot "set label" commands rather than a labels data column, so a label
// goes through the same quoting as every other user string.
#include "toolkit/report/plot/scatter_plot.h"

#include <fmt/format.h>

#include "toolkit/core/error.h"
#include "toolkit/report/plot/gnuplot.h"

namespace jetstudy::report::plot {

Plot scatter_plot(const std::vector<ScatterSeries>& series, const PlotOptions& options) {
  PlotScript script(options);
  std::vector<std::string> clauses;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const ScatterSeries& one = series[i];
    JETSTUDY_CHECK(one.x.size() == one.y.size(), fmt::format("scatter series '{}' needs as many x as y", one.name));
    JETSTUDY_CHECK(one.labels.empty() || one.labels.size() == one.x.size(),
                   fmt::format("scatter series '{}' needs no labels or one per point", one.name));
    std::vector<std::vector<double>> rows;
    for (std::size_t k = 0; k < one.x.size(); ++k) {
      if (!script.drawable(one.x[k], one.y[k])) {
        script.count_dropped(1);
        continue;
      }
      rows.push_back({one.x[k], one.y[k]});
      if (one.labels.empty() || one.labels[k].empty()) continue;
      script.add(fmt::format("set label {} at first {}, first {} offset character 0.7, character 0.5 "
                             "font ',9' tc lt {} noenhanced",
                             gnuplot_quote(one.labels[k]), gnuplot_number(one.x[k]), gnuplot_number(one.y[k]),
                             i + 1));
    }
    if (rows.empty()) continue;
    const std::string block = script.add_datablock(rows);
    clauses.push_back(fmt::format("{} using 1:2 with points pt 7 ps 0.9 lt {} {}", block, i + 1,
                                  title_clause(one.name)));
  }
  if (clauses.empty()) {
    script.add_empty_plot();
    return script.render();
  }
  script.add("set offsets graph 0.05, graph 0.12, graph 0.08, graph 0.05");  // room for the labels
  std::string plot = "plot ";
  for (std::size_t i = 0; i < clauses.size(); ++i) plot += (i > 0 ? ", \\\n     " : "") + clauses[i];
  script.add(plot);
  return script.render();
}

}  // namespace jetstudy::report::plot
