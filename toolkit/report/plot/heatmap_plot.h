// Heatmaps of a 2-D array: average jet images (arXiv:1511.05190), signal - background difference images
// (diverging palette centred at 0), and correlation maps between observables and the network output.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "toolkit/report/plot/plot.h"

namespace jetstudy::report::plot {

// `rows` x `columns` values, row-major, row 0 at the bottom (lowest y); the grid covers [x_min, x_max] x
// [y_min, y_max], each cell 1/columns of the width and 1/rows of the height.
struct Grid {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<double> values;
  double x_min = 0, x_max = 1;
  double y_min = 0, y_max = 1;
};

enum class Palette {
  sequential,  // dark blue (low) to yellow (high), like viridis
  diverging,   // blue (negative) - white (0) - red (positive); the colour range is symmetric about 0
};

struct HeatmapOptions : PlotOptions {
  Palette palette = Palette::sequential;
  std::string colour_label;     // the colour box's label (e.g. "mean pT fraction")
  bool log_colour = false;      // logarithmic colour scale (sequential only); cells <= 0 stay blank
  double colour_min = 0;        // colour range; both 0: from the data (diverging: +/- the largest |value|)
  double colour_max = 0;
  bool equal_aspect = true;     // one unit of x as long as one unit of y (eta-phi images)
};

// The grid as an image with a colour box. Cells that are NaN/inf (or <= 0 with log_colour) are left blank
// and counted as dropped.
Plot heatmap_plot(const Grid& grid, const HeatmapOptions& options);

}  // namespace jetstudy::report::plot
