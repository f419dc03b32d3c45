#include "toolkit/metrics/calibration.h"

#include <catch2/catch.hpp>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

TEST_CASE("calibration: scores that equal the signal fraction in their bin have ECE 0") {
  // Four jets at 0.25 with one signal, four at 0.75 with three signal.
  const std::vector<double> scores{0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75};
  const std::vector<double> labels{1, 0, 0, 0, 1, 1, 1, 0};
  const auto table = calibration(scores, labels);
  REQUIRE(table.ece == Approx(0.0).margin(1e-12));
  REQUIRE(table.bins.size() == 10);
  REQUIRE(table.bins[2].low == Approx(0.2));
  REQUIRE(table.bins[2].high == Approx(0.3));
  REQUIRE(table.bins[2].weight == 4);
  REQUIRE(table.bins[2].mean_score == Approx(0.25));
  REQUIRE(table.bins[2].signal_fraction == 0.25);
  REQUIRE(table.bins[7].signal_fraction == 0.75);
  REQUIRE(table.bins[0].weight == 0);
}

TEST_CASE("calibration: an overconfident classifier at 0.9 on a half-signal sample has ECE 0.4") {
  REQUIRE(expected_calibration_error({0.9, 0.9, 0.9, 0.9}, {1, 0, 1, 0}) == Approx(0.4));
}

TEST_CASE("calibration: a hand example, unweighted and weighted") {
  // Bin [0.1, 0.2): scores 0.1, 0.1, half signal -> |0.1 - 0.5| = 0.4 with weight 2.
  // Bin [0.8, 0.9): score 0.8, signal -> |0.8 - 1| = 0.2 with weight 1 (then 2).
  const std::vector<double> scores{0.1, 0.1, 0.8}, labels{0, 1, 1};
  REQUIRE(expected_calibration_error(scores, labels) == Approx(2.0 / 3.0 * 0.4 + 1.0 / 3.0 * 0.2));
  REQUIRE(expected_calibration_error(scores, labels, {1, 1, 2}) == Approx(0.5 * 0.4 + 0.5 * 0.2));
  // Two bins: [0, 0.5) holds 0.1, 0.1 and [0.5, 1] holds 0.8 -- the same answer here.
  REQUIRE(calibration(scores, labels, {}, 2).ece == Approx(2.0 / 3.0 * 0.4 + 1.0 / 3.0 * 0.2));
}

TEST_CASE("calibration: a score of exactly 1 lands in the last bin, logits are refused") {
  const auto table = calibration({1.0, 0.0}, {1, 0});
  REQUIRE(table.bins[9].weight == 1);
  REQUIRE(table.bins[0].weight == 1);
  REQUIRE(table.ece == 0.0);
  REQUIRE_THROWS_WITH(calibration({0.2, 3.5}, {0, 1}),
                      Catch::Matchers::Contains("probabilities in [0, 1]") && Catch::Matchers::Contains("jet 1"));
  REQUIRE_THROWS_WITH(calibration({0.2}, {0}, {}, 0), Catch::Matchers::Contains("at least one bin"));
}
