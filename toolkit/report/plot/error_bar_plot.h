// A metric against a swept hyperparameter: one point per sweep value at the median over seeds, with a bar
// for the spread (e.g. the interquartile range or median -/+ one standard deviation), one series per
// configuration family.
#pragma once

#include <string>
#include <vector>

#include "toolkit/report/plot/plot.h"

namespace jetstudy::report::plot {

// y[k] drawn at x[k] with a bar from y_low[k] to y_high[k] (absolute values, not offsets).
struct ErrorBarSeries {
  std::string name;
  std::vector<double> x;
  std::vector<double> y;
  std::vector<double> y_low;
  std::vector<double> y_high;
};

// Points joined by lines, with error bars. A point any of whose four numbers is NaN/inf (or x, y, y_low
// <= 0 on a log axis) is left out and counted. For a categorical hyperparameter use x = 0, 1, 2, ... and
// name the values in options.x_ticks.
Plot error_bar_plot(const std::vector<ErrorBarSeries>& series, const PlotOptions& options);

}  // namespace jetstudy::report::plot
