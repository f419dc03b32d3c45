// Metric against a swept hyperparameter: median points with spread bars, log x, categorical x.
#include "toolkit/report/plot/error_bar_plot.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>

#include "tests/report/plot_svg_checks.h"

namespace plot = jetstudy::report::plot;
using jetstudy::testing::count_of;
using jetstudy::testing::group_of;
using jetstudy::testing::svg_problem;
using jetstudy::testing::texts_of;

namespace {

bool has_text(const std::string& svg, const std::string& text) {
  const auto texts = texts_of(svg);
  return std::find(texts.begin(), texts.end(), text) != texts.end();
}

}  // namespace

TEST_CASE("error bars: AUC against a log-scaled learning rate, one bar per point, decades on the axis") {
  plot::PlotOptions options;
  options.id = "lr";
  options.log_x = true;
  options.x_label = "learning rate";
  options.y_label = "AUC";
  const std::vector<plot::ErrorBarSeries> series = {
      {"deeptop", {1e-4, 3e-4, 1e-3, 3e-3}, {0.90, 0.92, 0.93, 0.91}, {0.89, 0.91, 0.925, 0.90}, {0.91, 0.93, 0.935, 0.92}},
      {"resnext", {1e-4, 1e-3}, {0.94, 0.95}, {0.935, 0.945}, {0.945, 0.955}}};
  const plot::Plot result = plot::error_bar_plot(series, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 0);
  CHECK(count_of(result.svg, "<g id=\"lr_plot_") == 2);
  CHECK(has_text(result.svg, "deeptop"));
  CHECK(has_text(result.svg, "resnext"));
  CHECK(has_text(result.svg, "0.001"));
  CHECK(has_text(result.svg, "0.0001"));
  // Each point carries a marker (a <use> of the filled circle), plus one in the key.
  CHECK(count_of(group_of(result.svg, "lr_plot_1"), "<use ") == 4 + 1);
  CHECK(count_of(group_of(result.svg, "lr_plot_2"), "<use ") == 2 + 1);
}

TEST_CASE("error bars: a categorical hyperparameter is named by its ticks, broken points are dropped") {
  plot::PlotOptions options;
  options.id = "arch";
  options.x_ticks = {{0, "filters [8,8,8,8]"}, {1, "filters [64,64,64,64]"}, {2, "failed run"}};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const plot::Plot result =
      plot::error_bar_plot({{"auc", {0, 1, 2}, {0.91, 0.93, nan}, {0.90, 0.92, nan}, {0.92, 0.94, nan}}}, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 1);
  CHECK(has_text(result.svg, "filters [8,8,8,8]"));
  CHECK(has_text(result.svg, "filters [64,64,64,64]"));
  CHECK(count_of(group_of(result.svg, "arch_plot_1"), "<use ") == 2 + 1);
}
