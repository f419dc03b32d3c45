// See error_bar_plot.h.
#include "toolkit/report/plot/error_bar_plot.h"

#include <fmt/format.h>

#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::report::plot {

Plot error_bar_plot(const std::vector<ErrorBarSeries>& series, const PlotOptions& options) {
  PlotScript script(options);
  std::vector<std::string> clauses;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const ErrorBarSeries& one = series[i];
    const std::size_t n = one.x.size();
    JETSTUDY_CHECK(one.y.size() == n && one.y_low.size() == n && one.y_high.size() == n,
                   fmt::format("error-bar series '{}' needs as many y, y_low, y_high as x values", one.name));
    std::vector<std::vector<double>> rows;
    for (std::size_t k = 0; k < n; ++k) {
      const bool bar_drawable = std::isfinite(one.y_high[k]) && script.drawable(one.x[k], one.y_low[k]);
      if (!script.drawable(one.x[k], one.y[k]) || !bar_drawable) {
        script.count_dropped(1);
        continue;
      }
      rows.push_back({one.x[k], one.y[k], one.y_low[k], one.y_high[k]});
    }
    if (rows.empty()) continue;
    const std::string block = script.add_datablock(rows);
    clauses.push_back(fmt::format("{} using 1:2:3:4 with yerrorlines lw 1.5 lt {} pt 7 ps 0.6 {}", block, i + 1,
                                  title_clause(one.name)));
  }
  if (clauses.empty()) {
    script.add_empty_plot();
    return script.render();
  }
  // Leave a little room so the first and last bars are not drawn on the frame.
  script.add("set offsets graph 0.03, graph 0.03, 0, 0");
  std::string plot = "plot ";
  for (std::size_t i = 0; i < clauses.size(); ++i) plot += (i > 0 ? ", \\\n     " : "") + clauses[i];
  script.add(plot);
  return script.render();
}

}  // namespace jetstudy::report::plot
