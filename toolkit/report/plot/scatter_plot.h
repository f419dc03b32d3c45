// Labelled points in a plane: background rejection R50 against 1/JSD for a decorrelation lambda scan (the
// plane of arXiv:2001.05310), each point labelled with its lambda.
#pragma once

#include <string>
#include <vector>

#include "toolkit/report/plot/plot.h"

namespace jetstudy::report::plot {

// Points (x[k], y[k]), each with its own label (labels empty, or one per point).
struct ScatterSeries {
  std::string name;
  std::vector<double> x;
  std::vector<double> y;
  std::vector<std::string> labels;
};

// Series i as filled markers of colour i; each label is written next to its point. Points that are NaN/inf
// (or <= 0 on a log axis) are left out, with their labels, and counted.
Plot scatter_plot(const std::vector<ScatterSeries>& series, const PlotOptions& options);

}  // namespace jetstudy::report::plot
