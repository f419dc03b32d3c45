// Labelled scatter plots: the R50 vs 1/JSD plane of a lambda scan.
#include "toolkit/report/plot/scatter_plot.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>

#include "tests/report/plot_svg_checks.h"

namespace plot = jetstudy::report::plot;
using jetstudy::testing::count_of;
using jetstudy::testing::group_of;
using jetstudy::testing::svg_problem;
using jetstudy::testing::texts_of;

TEST_CASE("scatter: a lambda scan puts one marker and one label per point, two scans two colours") {
  plot::PlotOptions options;
  options.id = "plane";
  options.log_x = true;
  options.log_y = true;
  options.x_label = "R50";
  options.y_label = "1/JSD";
  const std::vector<plot::ScatterSeries> series = {
      {"DisCo", {20, 15, 9}, {5, 40, 300}, {"lambda=0", "lambda=10", "lambda=100"}},
      {"pivot <adv>", {18, 7}, {8, 200}, {"lambda=1", "lambda=50"}}};
  const plot::Plot result = plot::scatter_plot(series, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 0);
  CHECK(count_of(group_of(result.svg, "plane_plot_1"), "<use ") == 3 + 1);
  CHECK(count_of(group_of(result.svg, "plane_plot_2"), "<use ") == 2 + 1);
  const auto texts = texts_of(result.svg);
  for (const char* text : {"lambda=0", "lambda=10", "lambda=100", "lambda=1", "lambda=50", "DisCo", "pivot &lt;adv&gt;",
                           "R50", "1/JSD", "100"}) {
    CHECK(std::find(texts.begin(), texts.end(), text) != texts.end());
  }
}

TEST_CASE("scatter: a point with an infinite 1/JSD is dropped together with its label") {
  plot::PlotOptions options;
  options.id = "inf";
  const double inf = std::numeric_limits<double>::infinity();
  const plot::Plot result = plot::scatter_plot({{"scan", {1, 2, 3}, {10, inf, 30}, {"a'", "gone", "c\"d"}}}, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 1);
  CHECK(count_of(group_of(result.svg, "inf_plot_1"), "<use ") == 2 + 1);
  const auto texts = texts_of(result.svg);
  CHECK(std::find(texts.begin(), texts.end(), "gone") == texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "a&#39;") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "c&quot;d") != texts.end());
}
