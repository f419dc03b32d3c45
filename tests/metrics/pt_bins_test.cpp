#include "toolkit/metrics/pt_bins.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

TEST_CASE("pt bins: a tagger perfect at low pT and inverted at high pT shows it bin by bin") {
  // pT in [300, 500): signal scores above background; [500, 700]: below. One jet at 900 GeV is outside.
  const std::vector<double> scores{0.9, 0.8, 0.2, 0.1, 0.1, 0.2, 0.8, 0.9, 0.5};
  const std::vector<double> labels{1, 1, 0, 0, 1, 1, 0, 0, 1};
  const std::vector<double> pt{350, 450, 400, 499, 500, 650, 600, 700, 900};
  const auto bins = performance_in_bins(scores, labels, pt, {300, 500, 700});
  REQUIRE(bins.size() == 2);
  REQUIRE(bins[0].low == 300);
  REQUIRE(bins[0].high == 500);
  REQUIRE(bins[0].signal_jets == 2);
  REQUIRE(bins[0].background_jets == 2);
  REQUIRE(bins[0].auc == 1.0);
  REQUIRE(std::isinf(bins[0].rejection));
  REQUIRE(bins[1].signal_jets == 2);
  REQUIRE(bins[1].background_jets == 2);  // 700 is the closed upper edge
  REQUIRE(bins[1].auc == 0.0);
  REQUIRE(bins[1].rejection == 1.0);
}

TEST_CASE("pt bins: weights count, a one-class bin has NaN figures, bad edges are refused") {
  const std::vector<double> scores{0.9, 0.4, 0.5, 0.1, 0.7}, labels{1, 1, 0, 0, 1}, pt{10, 10, 10, 10, 30};
  const auto bins = performance_in_bins(scores, labels, pt, {0, 20, 40}, {1, 3, 1, 1, 1});
  // Bin 1: signal 0.9 (w 1), 0.4 (w 3); background 0.5, 0.1: AUC = (1*2 + 3*1) / (4*2) = 5/8.
  REQUIRE(bins[0].signal_weight == 4.0);
  REQUIRE(bins[0].background_weight == 2.0);
  REQUIRE(bins[0].auc == Approx(5.0 / 8.0));
  // Curve (0,0) (1/4,0) (1/4,1/2) (1,1/2) (1,1): eps_S = 0.5 lies on the flat stretch at eps_B = 1/2.
  REQUIRE(bins[0].rejection == Approx(2.0));
  REQUIRE(bins[1].signal_jets == 1);
  REQUIRE(bins[1].background_jets == 0);
  REQUIRE(std::isnan(bins[1].auc));
  REQUIRE(std::isnan(bins[1].rejection));
  REQUIRE_THROWS_WITH(performance_in_bins(scores, labels, pt, {20, 0}),
                      Catch::Matchers::Contains("bin edges must increase strictly"));
  REQUIRE_THROWS_WITH(performance_in_bins(scores, labels, pt, {0, 40}, {}, 1.5),
                      Catch::Matchers::Contains("must be in (0, 1]"));
}
