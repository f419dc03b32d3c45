// See heatmap_plot.h. The grid travels as "x y value" rows at the cell centres; gnuplot's image style turns
// it into one embedded PNG, which stays small for 40x40 jet images and larger maps alike.
#include "toolkit/report/plot/heatmap_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/report/plot/gnuplot.h"

namespace jetstudy::report::plot {

Plot heatmap_plot(const Grid& grid, const HeatmapOptions& options) {
  JETSTUDY_CHECK(grid.rows > 0 && grid.columns > 0 && grid.values.size() == grid.rows * grid.columns,
                 fmt::format("a {}x{} grid needs {} values, has {}", grid.rows, grid.columns,
                             grid.rows * grid.columns, grid.values.size()));
  JETSTUDY_CHECK(grid.x_max > grid.x_min && grid.y_max > grid.y_min, "a grid covers a non-empty rectangle");
  // Axes are linear here: log_x/log_y of PlotOptions do not apply to an image.
  HeatmapOptions linear = options;
  linear.log_x = linear.log_y = false;
  PlotScript script(linear);
  const bool log_colour = options.log_colour && options.palette == Palette::sequential;

  // Values gnuplot cannot colour are written as NaN: the cell stays blank and the grid stays regular.
  const double dx = (grid.x_max - grid.x_min) / static_cast<double>(grid.columns);
  const double dy = (grid.y_max - grid.y_min) / static_cast<double>(grid.rows);
  double largest_magnitude = 0;
  std::size_t coloured_cells = 0;
  std::vector<std::vector<double>> cells;
  cells.reserve(grid.values.size());
  for (std::size_t row = 0; row < grid.rows; ++row) {
    for (std::size_t column = 0; column < grid.columns; ++column) {
      const double value = grid.values[row * grid.columns + column];
      const bool colourable = std::isfinite(value) && (!log_colour || value > 0);
      if (colourable) {
        ++coloured_cells;
        largest_magnitude = std::max(largest_magnitude, std::abs(value));
      } else {
        script.count_dropped(1);
      }
      cells.push_back({grid.x_min + (static_cast<double>(column) + 0.5) * dx,
                       grid.y_min + (static_cast<double>(row) + 0.5) * dy,
                       colourable ? value : std::nan("")});
    }
  }
  const std::string block = script.add_datablock(cells);

  script.add(fmt::format("set xrange [{}:{}]", gnuplot_number(grid.x_min), gnuplot_number(grid.x_max)));
  script.add(fmt::format("set yrange [{}:{}]", gnuplot_number(grid.y_min), gnuplot_number(grid.y_max)));
  if (options.equal_aspect) script.add("set size ratio -1");
  script.add("unset grid");
  script.add("set tics out");
  if (!options.colour_label.empty()) script.add("set cblabel " + gnuplot_quote(options.colour_label));

  const bool fixed_range = options.colour_min != 0 || options.colour_max != 0;
  if (options.palette == Palette::diverging) {
    script.add("set palette defined (0 '#2166ac', 0.25 '#92c5de', 0.5 '#f7f7f7', 0.75 '#f4a582', 1 '#b2182b')");
    const double half_width = fixed_range ? std::max(std::abs(options.colour_min), std::abs(options.colour_max))
                                          : (largest_magnitude > 0 ? largest_magnitude : 1);
    script.add(fmt::format("set cbrange [{}:{}]", gnuplot_number(-half_width), gnuplot_number(half_width)));
  } else {
    script.add("set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')");
    if (log_colour) script.add("set logscale cb");
    if (fixed_range) {
      script.add(fmt::format("set cbrange [{}:{}]", gnuplot_number(options.colour_min),
                             gnuplot_number(options.colour_max)));
    }
  }

  if (coloured_cells == 0) {
    script.add_empty_plot();
    return script.render();
  }
  script.add("plot " + block + " using 1:2:3 with image notitle");
  return script.render();
}

}  // namespace jetstudy::report::plot
