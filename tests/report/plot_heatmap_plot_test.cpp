// Heatmaps: difference images on a diverging palette centred at 0, correlation maps with named axes,
// blank cells for NaN.
#include "toolkit/report/plot/heatmap_plot.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "tests/report/plot_svg_checks.h"

namespace plot = jetstudy::report::plot;
using jetstudy::testing::count_of;
using jetstudy::testing::svg_problem;
using jetstudy::testing::texts_of;

namespace {

bool has_text(const std::string& svg, const std::string& text) {
  const auto texts = texts_of(svg);
  return std::find(texts.begin(), texts.end(), text) != texts.end();
}

}  // namespace

TEST_CASE("heatmap: a difference image gets a colour range symmetric about zero") {
  plot::Grid grid;
  grid.rows = 25;
  grid.columns = 25;
  grid.x_min = grid.y_min = -1.25;
  grid.x_max = grid.y_max = 1.25;
  for (std::size_t row = 0; row < grid.rows; ++row) {
    for (std::size_t column = 0; column < grid.columns; ++column) {
      // signal - background: positive at the centre, negative in a ring, at most +3 and above -1.5
      const double r = std::hypot(static_cast<double>(row) - 12, static_cast<double>(column) - 12);
      grid.values.push_back(r < 3 ? 3 - r : (r < 8 ? -1.5 * std::sin((r - 3) / 5 * M_PI) : 0));
    }
  }
  plot::HeatmapOptions options;
  options.id = "diff";
  options.title = "signal - background";
  options.palette = plot::Palette::diverging;
  options.colour_label = "mean pT fraction";
  const plot::Plot result = plot::heatmap_plot(grid, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 0);
  CHECK(count_of(result.svg, "<image ") == 1);
  CHECK(count_of(result.svg, "data:image/png;base64,") == 1);  // self-contained: no external file
  CHECK(has_text(result.svg, "-3"));  // colour box from -3 to 3 although the data stop at -1.5
  CHECK(has_text(result.svg, "3"));
  CHECK(has_text(result.svg, "mean pT fraction"));
  CHECK(has_text(result.svg, "signal - background"));
}

TEST_CASE("heatmap: a correlation map names its variables on both axes and leaves NaN cells blank") {
  plot::Grid grid;
  grid.rows = grid.columns = 3;
  grid.x_min = grid.y_min = -0.5;
  grid.x_max = grid.y_max = 2.5;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  grid.values = {1, 0.6, -0.2, 0.6, 1, nan, -0.2, nan, 1};
  plot::HeatmapOptions options;
  options.id = "corr";
  options.palette = plot::Palette::diverging;
  options.colour_min = -1;
  options.colour_max = 1;
  options.x_ticks = options.y_ticks = {{0, "mass"}, {1, "tau21"}, {2, "output <NN>"}};
  const plot::Plot result = plot::heatmap_plot(grid, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 2);
  CHECK(count_of(result.svg, "<image ") == 1);
  CHECK(count_of(result.svg, "<text>mass</text>") == 2);
  CHECK(count_of(result.svg, "<text>output &lt;NN&gt;</text>") == 2);
  CHECK(has_text(result.svg, "-1"));
  CHECK(has_text(result.svg, "1"));
}

TEST_CASE("heatmap: an average image on a log colour scale blanks empty pixels, an all-empty one says so") {
  plot::Grid grid;
  grid.rows = 2;
  grid.columns = 3;
  grid.values = {0, 1e-3, 0.5, 0, 0.01, 0};
  plot::HeatmapOptions options;
  options.id = "avg";
  options.log_colour = true;
  const plot::Plot result = plot::heatmap_plot(grid, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 3);
  CHECK(count_of(result.svg, "<image ") == 1);

  grid.values.assign(6, 0.0);
  const plot::Plot empty = plot::heatmap_plot(grid, options);
  REQUIRE(svg_problem(empty.svg) == "");
  CHECK(empty.dropped_points == 6);
  CHECK(has_text(empty.svg, "no drawable points"));
}
