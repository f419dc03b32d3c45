// Line plots: ROC-style curves on a log axis, the ratio panel and its interpolation, dropped points.
#include "toolkit/report/plot/line_plot.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "tests/report/plot_svg_checks.h"
#include "toolkit/core/error.h"

namespace plot = jetstudy::report::plot;
using jetstudy::testing::count_of;
using jetstudy::testing::path_vertices;
using jetstudy::testing::svg_problem;
using jetstudy::testing::texts_of;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

bool has_text(const std::string& svg, const std::string& text) {
  const auto texts = texts_of(svg);
  return std::find(texts.begin(), texts.end(), text) != texts.end();
}

}  // namespace

TEST_CASE("line plot: three ROC curves are three named curves with one vertex per point") {
  plot::LinePlotOptions options;
  options.id = "roc";
  options.title = "ROC";
  options.x_label = "signal efficiency";
  options.y_label = "background rejection";
  options.log_y = true;
  const std::vector<plot::Series> series = {{"deeptop", {0.1, 0.3, 0.5, 0.9}, {3000, 300, 40, 3}},
                                            {"resnext", {0.1, 0.3, 0.5, 0.9}, {5000, 500, 60, 4}},
                                            {"tau32", {0.2, 0.6}, {100, 8}}};
  const plot::Plot result = plot::line_plot(series, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.svg.rfind("<svg id=\"roc\" class=\"jetstudy-plot\"", 0) == 0);
  CHECK(result.dropped_points == 0);
  CHECK(count_of(result.svg, "<g id=\"roc_plot_") == 3);
  CHECK(path_vertices(result.svg, "roc_plot_1") == 4 + 2);  // 4 points + the key sample
  CHECK(path_vertices(result.svg, "roc_plot_3") == 2 + 2);
  for (const char* name : {"deeptop", "resnext", "tau32", "ROC", "signal efficiency", "background rejection"}) {
    CHECK(has_text(result.svg, name));
  }
  // A log axis ticks the decades.
  CHECK(has_text(result.svg, "10"));
  CHECK(has_text(result.svg, "100"));
  CHECK(has_text(result.svg, "1000"));
}

TEST_CASE("line plot: NaN, inf and non-positive points on a log axis are dropped and counted") {
  plot::LinePlotOptions options;
  options.id = "dropped";
  options.log_y = true;
  // 1/eps_B is inf where no background passes; 0 cannot sit on a log axis.
  const plot::Plot result =
      plot::line_plot({{"a", {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, {kInf, 200, kNaN, 50, 0, 10}}}, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 3);
  CHECK(path_vertices(result.svg, "dropped_plot_1") == 3 + 2);
}

TEST_CASE("line plot: a plot whose every point is dropped still renders and says so") {
  plot::LinePlotOptions options;
  options.log_y = true;
  const plot::Plot result = plot::line_plot({{"a", {0.1, 0.2}, {kNaN, -1}}, {"b", {}, {}}}, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 2);
  CHECK(has_text(result.svg, "no drawable points"));
}

TEST_CASE("line plot: the ratio to a reference is the series interpolated onto the reference's x") {
  const plot::Series reference{"ref", {0.1, 0.2, 0.3, 0.5, 0.9}, {100, 50, 0, 20, 10}};
  // Given out of order; defined on [0.15, 0.6].
  const plot::Series series{"new", {0.6, 0.15, 0.4}, {12, 90, 40}};
  const plot::Series ratio = plot::ratio_to_reference(series, reference);
  CHECK(ratio.name == "new");
  // x = 0.1 and 0.9 lie outside [0.15, 0.6]; at 0.3 the reference is 0.
  REQUIRE(ratio.x == std::vector<double>{0.2, 0.5});
  CHECK(ratio.y[0] == Approx((90 + (40 - 90) * (0.05 / 0.25)) / 50));  // 80 / 50
  CHECK(ratio.y[1] == Approx((40 + (12 - 40) * 0.5) / 20));           // 26 / 20
}

TEST_CASE("line plot: a ratio panel draws one ratio per other series, a line at 1 and its own label") {
  plot::LinePlotOptions options;
  options.id = "withratio";
  options.log_y = true;
  options.x_label = "signal efficiency";
  options.ratio_reference = "deeptop";
  const std::vector<plot::Series> series = {{"deeptop", {0.1, 0.3, 0.5}, {1000, 100, 10}},
                                            {"resnext", {0.1, 0.3, 0.5}, {2000, 150, 12}},
                                            {"cnn", {0.1, 0.3, 0.5}, {500, 50, 5}}};
  const plot::Plot result = plot::line_plot(series, options);
  REQUIRE(svg_problem(result.svg) == "");
  // Upper panel: 3 curves (ids ..a); lower panel: 2 ratios and the unit line (ids ..b).
  CHECK(count_of(result.svg, "<g id=\"withratio_plot_") == 6);
  CHECK(count_of(result.svg, "_plot_1b\"") == 1);
  CHECK(count_of(result.svg, "_plot_3b\"") == 1);
  CHECK(path_vertices(result.svg, "withratio_plot_1b") == 3);  // ratio curves have no key entry
  CHECK(has_text(result.svg, "ratio to deeptop"));
  CHECK(has_text(result.svg, "signal efficiency"));
  CHECK(has_text(result.svg, "0.5"));  // the ratios 2, 1.5, 1.2 and 0.5 span the panel's axis
}

TEST_CASE("line plot: an unknown ratio reference is an input error naming the series") {
  plot::LinePlotOptions options;
  options.ratio_reference = "resnxt";
  REQUIRE_THROWS_AS(plot::line_plot({{"deeptop", {0, 1}, {0, 1}}, {"resnext", {0, 1}, {0, 1}}}, options),
                    jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(plot::line_plot({{"deeptop", {0, 1}, {0, 1}}, {"resnext", {0, 1}, {0, 1}}}, options),
                      "ratio reference 'resnxt' is not one of the plotted series ('deeptop', 'resnext')");
}
