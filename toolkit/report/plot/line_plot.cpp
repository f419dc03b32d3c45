// See line_plot.h. With a ratio panel the figure is a gnuplot multiplot: two plots sharing the x axis and
// the left/right margins (fixed in screen coordinates so the axes line up).
#include "toolkit/report/plot/line_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "toolkit/core/error.h"
#include "toolkit/report/plot/gnuplot.h"

namespace jetstudy::report::plot {
namespace {

void check_lengths(const Series& series) {
  JETSTUDY_CHECK(series.x.size() == series.y.size(),
                 fmt::format("series '{}' has {} x values but {} y values", series.name, series.x.size(),
                             series.y.size()));
}

std::string line_style(std::size_t index, bool markers) {
  return fmt::format("with {} lw 1.5 lt {}{}", markers ? "linespoints" : "lines", index + 1,
                     markers ? " pt 7 ps 0.5" : "");
}

// The plot clauses of the curves with at least one drawable point; empty when there are none.
std::vector<std::string> curve_clauses(PlotScript& script, const std::vector<Series>& series, bool markers) {
  std::vector<std::string> clauses;
  for (std::size_t i = 0; i < series.size(); ++i) {
    std::vector<std::vector<double>> rows;
    for (std::size_t k = 0; k < series[i].x.size(); ++k) {
      if (script.drawable(series[i].x[k], series[i].y[k])) {
        rows.push_back({series[i].x[k], series[i].y[k]});
      } else {
        script.count_dropped(1);
      }
    }
    if (rows.empty()) continue;
    const std::string block = script.add_datablock(rows);
    clauses.push_back(fmt::format("{} using 1:2 {} {}", block, line_style(i, markers), title_clause(series[i].name)));
  }
  return clauses;
}

// A round tick spacing (1, 2 or 5 times a power of ten) giving about four ticks over `range`: the ratio
// panel is short, and gnuplot's own choice crowds its labels.
double tick_step(double range) {
  if (!(range > 0) || !std::isfinite(range)) return 0.1;
  const double raw = range / 4;
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double multiple : {1.0, 2.0, 5.0}) {
    if (multiple * decade >= raw) return multiple * decade;
  }
  return 10 * decade;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) joined += (i > 0 ? separator : "") + parts[i];
  return joined;
}

}  // namespace

Series ratio_to_reference(const Series& series, const Series& reference) {
  check_lengths(series);
  check_lengths(reference);
  std::vector<std::pair<double, double>> points;
  for (std::size_t k = 0; k < series.x.size(); ++k) {
    if (std::isfinite(series.x[k]) && std::isfinite(series.y[k])) points.emplace_back(series.x[k], series.y[k]);
  }
  std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  Series ratio{series.name, {}, {}};
  if (points.empty()) return ratio;
  for (std::size_t k = 0; k < reference.x.size(); ++k) {
    const double x = reference.x[k], y_reference = reference.y[k];
    if (!std::isfinite(x) || !std::isfinite(y_reference) || y_reference == 0) continue;
    if (x < points.front().first || x > points.back().first) continue;
    // The first point at or beyond x, and the one before it: interpolate between them.
    const auto upper = std::lower_bound(points.begin(), points.end(), x,
                                        [](const auto& point, double value) { return point.first < value; });
    double y = upper->second;
    if (upper->first != x) {
      const auto lower = std::prev(upper);
      const double t = (x - lower->first) / (upper->first - lower->first);
      y = lower->second + t * (upper->second - lower->second);
    }
    ratio.x.push_back(x);
    ratio.y.push_back(y / y_reference);
  }
  return ratio;
}

Plot line_plot(const std::vector<Series>& series, const LinePlotOptions& options) {
  for (const auto& one : series) check_lengths(one);
  const Series* reference = nullptr;
  if (!options.ratio_reference.empty()) {
    std::vector<std::string> names;
    for (const auto& one : series) {
      names.push_back("'" + one.name + "'");
      if (one.name == options.ratio_reference && reference == nullptr) reference = &one;
    }
    if (reference == nullptr) {
      throw core::InputError(fmt::format("ratio reference '{}' is not one of the plotted series ({})",
                                         options.ratio_reference, join(names, ", ")));
    }
  }

  PlotScript script(options);
  const std::vector<std::string> clauses = curve_clauses(script, series, options.markers);
  if (clauses.empty()) {
    script.add_empty_plot();
    return script.render();
  }
  if (reference == nullptr) {
    script.add("plot " + join(clauses, ", \\\n     "));
    return script.render();
  }

  // Ratio panel: the ratio of series i is drawn in colour i; the reference itself is the dashed line at 1.
  std::vector<std::string> ratio_clauses;
  double ratio_low = 1, ratio_high = 1;  // the range of the drawn ratios, the line at 1 included
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (&series[i] == reference) continue;
    const Series ratio = ratio_to_reference(series[i], *reference);
    std::vector<std::vector<double>> rows;
    for (std::size_t k = 0; k < ratio.x.size(); ++k) {
      if (!std::isfinite(ratio.y[k]) || (options.log_x && ratio.x[k] <= 0)) continue;
      rows.push_back({ratio.x[k], ratio.y[k]});
      ratio_low = std::min(ratio_low, ratio.y[k]);
      ratio_high = std::max(ratio_high, ratio.y[k]);
    }
    if (rows.empty()) continue;
    const std::string block = script.add_datablock(rows);
    ratio_clauses.push_back(fmt::format("{} using 1:2 {} notitle", block, line_style(i, options.markers)));
  }
  ratio_clauses.push_back("1 with lines dt 2 lc rgb '#000000' notitle");

  const double top = options.title.empty() ? 0.95 : 0.91;
  script.add("set multiplot");
  script.add("set lmargin at screen 0.13");
  script.add("set rmargin at screen 0.95");
  script.add(fmt::format("set tmargin at screen {}", top));
  script.add("set bmargin at screen 0.38");
  script.add("set format x ''");
  script.add("unset xlabel");
  script.add("plot " + join(clauses, ", \\\n     "));

  script.add("unset title");
  script.add("set xrange [GPVAL_X_MIN:GPVAL_X_MAX]");  // the x axis of the panel above
  script.add("set tmargin at screen 0.38");
  script.add("set bmargin at screen 0.12");
  script.add(options.log_x ? "set format x '%g'" : "set format x '% h'");
  if (!options.x_label.empty()) script.add("set xlabel " + gnuplot_quote(options.x_label));
  script.add("unset logscale y");
  script.add("set format y '% h'");
  const bool fixed_ratio_range = options.ratio_min != 0 || options.ratio_max != 0;
  if (fixed_ratio_range) {
    ratio_low = options.ratio_min;
    ratio_high = options.ratio_max;
  }
  script.add("set ytics " + gnuplot_number(tick_step(ratio_high - ratio_low)));
  script.add("set ylabel " + gnuplot_quote(options.ratio_label + " to " + options.ratio_reference));
  script.add("unset key");
  if (fixed_ratio_range) {
    script.add(fmt::format("set yrange [{}:{}]", gnuplot_number(options.ratio_min), gnuplot_number(options.ratio_max)));
  }
  script.add("plot " + join(ratio_clauses, ", \\\n     "));
  script.add("unset multiplot");
  return script.render();
}

}  // namespace jetstudy::report::plot
