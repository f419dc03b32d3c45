// Step histograms: filling, unit-area normalisation, and the outline drawn bin edge by bin edge.
#include "toolkit/report/plot/histogram_plot.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>

#include "tests/report/plot_svg_checks.h"

namespace plot = jetstudy::report::plot;
using jetstudy::testing::count_of;
using jetstudy::testing::path_vertices;
using jetstudy::testing::svg_problem;
using jetstudy::testing::texts_of;

TEST_CASE("histogram: filling counts in-range values per bin and keeps under/overflow and NaN apart") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const plot::Histogram h = plot::fill_histogram("mass", {-5, 0, 10, 25, 49.9, 50, 80, nan}, 5, 0, 50);
  CHECK(h.edges == std::vector<double>{0, 10, 20, 30, 40, 50});
  CHECK(h.counts == std::vector<double>{1, 1, 1, 0, 1});
  CHECK(h.underflow == 1);
  CHECK(h.overflow == 2);
  CHECK(h.non_finite == 1);
  const plot::Histogram weighted = plot::fill_histogram("w", {1, 1, 15}, 2, 0, 20, {0.5, 0.25, 2});
  CHECK(weighted.counts == std::vector<double>{0.75, 2});
}

TEST_CASE("histogram: normalised to unit area, density times bin width sums to one") {
  plot::Histogram h{"uneven", {0, 1, 3, 4}, {2, 4, 2}};
  const plot::Histogram unit = plot::normalised(h);
  CHECK(unit.counts[0] == Approx(0.25));  // 2 / (8 * 1)
  CHECK(unit.counts[1] == Approx(0.25));  // 4 / (8 * 2)
  CHECK(unit.counts[2] == Approx(0.25));
  plot::Histogram empty{"empty", {0, 1}, {0}};
  CHECK(plot::normalised(empty).counts == std::vector<double>{0});
}

TEST_CASE("histogram: mass before and after a cut are two step outlines with 2n+2 vertices each") {
  plot::HistogramOptions options;
  options.id = "sculpt";
  options.title = "background mass";
  options.x_label = "m_jet [GeV]";
  options.normalise = true;
  // Every bin holds a different, non-zero count, so the outline has no repeated vertex to leave out.
  std::vector<double> before, after;
  for (int bin = 0; bin < 30; ++bin) {
    for (int k = 0; k <= bin; ++k) before.push_back(bin * 10 + 5);
    for (int k = 0; k < 30 - bin; ++k) after.push_back(bin * 10 + 5);
  }
  const plot::Plot result = plot::histogram_plot(
      {plot::fill_histogram("before cut", before, 30, 0, 300), plot::fill_histogram("after cut", after, 30, 0, 300)},
      options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 0);
  CHECK(count_of(result.svg, "<g id=\"sculpt_plot_") == 2);
  CHECK(path_vertices(result.svg, "sculpt_plot_1") == 2 * 30 + 2 + 2);
  CHECK(path_vertices(result.svg, "sculpt_plot_2") == 2 * 30 + 2 + 2);
  const auto texts = texts_of(result.svg);
  for (const char* text : {"before cut", "after cut", "background mass", "m_jet [GeV]"}) {
    CHECK(std::find(texts.begin(), texts.end(), text) != texts.end());
  }
}

TEST_CASE("histogram: on a log axis empty bins sit on the floor and NaN counts are dropped") {
  plot::HistogramOptions options;
  options.id = "logh";
  options.log_y = true;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const plot::Plot result = plot::histogram_plot({{"gan", {0, 1, 2, 3, 4}, {1000, 0, 10, nan}}}, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.dropped_points == 1);
  // 2n+2 outline vertices less the repeated (4, floor) at the end (the NaN bin sits on the floor), + key.
  CHECK(path_vertices(result.svg, "logh_plot_1") == 2 * 4 + 2 - 1 + 2);
  const auto texts = texts_of(result.svg);
  CHECK(std::find(texts.begin(), texts.end(), "1000") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "1") != texts.end());  // the floor: a tenth of the smallest count
}
