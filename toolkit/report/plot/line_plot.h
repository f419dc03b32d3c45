// Line plots of named series -- ROC curves (1/eps_B against eps_S, log y), SIC curves, learning curves --
// with an optional panel below showing each series divided by a reference series (the comparison view of
// the top-tagging landscape paper, arXiv:1902.09914).
#pragma once

#include <vector>

#include "toolkit/report/plot/plot.h"

namespace jetstudy::report::plot {

struct LinePlotOptions : PlotOptions {
  std::string ratio_reference;        // a series name: adds the ratio panel; empty: no panel
  std::string ratio_label = "ratio";  // y label of the ratio panel
  double ratio_min = 0;               // y range of the ratio panel; both 0: automatic
  double ratio_max = 0;
  bool markers = false;               // a point marker on every (x, y) as well as the line
};

// One figure with every series as a line (colour i for series i, also in the ratio panel). Points that are
// NaN/inf or <= 0 on a log axis are left out and counted. A ratio_reference that names no series throws
// core::InputError listing the names.
Plot line_plot(const std::vector<Series>& series, const LinePlotOptions& options);

// `series` / `reference` at the reference's x values where both are defined: the series is interpolated
// linearly in x (its points sorted by x); reference points outside the series' x range, with y = 0, or
// non-finite are skipped. The result is named after `series`.
Series ratio_to_reference(const Series& series, const Series& reference);

}  // namespace jetstudy::report::plot
