#include "toolkit/metrics/roc.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

TEST_CASE("roc: a perfect classifier has AUC 1 and infinite rejection") {
  const auto curve = roc_curve(std::vector<double>{0.9, 0.8, 0.2, 0.1}, std::vector<double>{1, 1, 0, 0});
  REQUIRE(auc(curve) == 1.0);
  REQUIRE(std::isinf(rejection_at(curve, 0.5)));
  REQUIRE(std::isinf(rejection_at(curve, 1.0)));
}

TEST_CASE("roc: an inverted classifier has AUC 0") {
  const auto curve = roc_curve(std::vector<double>{0.1, 0.2, 0.8, 0.9}, std::vector<double>{1, 1, 0, 0});
  REQUIRE(auc(curve) == 0.0);
  REQUIRE(rejection_at(curve, 0.5) == 1.0);
}

TEST_CASE("roc: random scores give AUC 0.5 within statistics for 10k jets") {
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<double> scores, labels;
  for (int i = 0; i < 10000; ++i) {
    scores.push_back(uniform(rng));
    labels.push_back(i % 2);
  }
  REQUIRE(auc(roc_curve(scores, labels)) == Approx(0.5).margin(0.02));  // sigma ~ 0.006
}

TEST_CASE("roc: all-tied scores give exactly AUC 0.5 and a two-point curve") {
  const auto curve = roc_curve(std::vector<double>(6, 0.3), std::vector<double>{1, 0, 1, 0, 0, 1});
  REQUIRE(curve.eps_s == std::vector<double>{0, 1});
  REQUIRE(curve.eps_b == std::vector<double>{0, 1});
  REQUIRE(auc(curve) == 0.5);
  REQUIRE(rejection_at(curve, 0.3) == Approx(1 / 0.3));
}

TEST_CASE("roc: a hand example has AUC 0.75 and the points one expects") {
  const auto curve = roc_curve(std::vector<double>{0.1, 0.4, 0.35, 0.8}, std::vector<double>{0, 0, 1, 1});
  REQUIRE(curve.eps_s == std::vector<double>{0, 0.5, 0.5, 1, 1});
  REQUIRE(curve.eps_b == std::vector<double>{0, 0, 0.5, 0.5, 1});
  REQUIRE(curve.thresholds[1] == 0.8);
  REQUIRE(auc(curve) == 0.75);
  REQUIRE(accuracy({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}) == 0.75);
}

TEST_CASE("roc: tied signal and background move together and count 1/2 in the AUC") {
  // signal {0.9, 0.6, 0.6, 0.2}, background {0.6, 0.6, 0.1, 0.1}: points (0,0) (.25,0) (.75,.5) (1,.5) (1,1).
  const auto curve = roc_curve(std::vector<double>{0.9, 0.6, 0.6, 0.2, 0.6, 0.6, 0.1, 0.1},
                               std::vector<double>{1, 1, 1, 1, 0, 0, 0, 0});
  REQUIRE(curve.eps_s == std::vector<double>{0, 0.25, 0.75, 1, 1});
  REQUIRE(curve.eps_b == std::vector<double>{0, 0, 0.5, 0.5, 1});
  REQUIRE(auc(curve) == 0.75);  // Mann-Whitney: (4 + 2*(1 + 2) + 2) / 16

  SECTION("rejection interpolates linearly in eps_B along the tied segment") {
    REQUIRE(background_efficiency_at(curve, 0.5) == Approx(0.25));
    REQUIRE(rejection_at(curve, 0.5) == Approx(4.0));
    REQUIRE(rejection_at(curve, 0.3) == Approx(20.0));
    REQUIRE(std::isinf(rejection_at(curve, 0.25)));  // a real point with eps_B = 0
    REQUIRE(rejection_at(curve, 0.75) == Approx(2.0));
  }
  SECTION("an efficiency outside (0, 1] is refused") {
    REQUIRE_THROWS_AS(rejection_at(curve, 0.0), jetstudy::core::InputError);
    REQUIRE_THROWS_AS(rejection_at(curve, 1.5), jetstudy::core::InputError);
  }
}

TEST_CASE("roc: SIC max skips eps_B = 0 and finds eps_S / sqrt(eps_B) at its best point") {
  // Interleaved S/B: best point is (1, 0.75) -> 1 / sqrt(0.75).
  const auto curve = roc_curve(std::vector<double>{0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2},
                               std::vector<double>{1, 0, 1, 0, 1, 0, 1, 0});
  REQUIRE(sic_max(curve) == Approx(1 / std::sqrt(0.75)));
}

TEST_CASE("roc: a weight of 2 counts like a jet given twice") {
  const auto weighted = roc_curve(std::vector<double>{0.9, 0.5, 0.4, 0.1}, std::vector<double>{1, 0, 1, 0},
                                  std::vector<double>{2, 1, 1, 1});
  const auto doubled = roc_curve(std::vector<double>{0.9, 0.9, 0.5, 0.4, 0.1}, std::vector<double>{1, 1, 0, 1, 0});
  REQUIRE(weighted.eps_s == doubled.eps_s);
  REQUIRE(weighted.eps_b == doubled.eps_b);
  REQUIRE(auc(weighted) == Approx(5.0 / 6.0));
}

TEST_CASE("roc: bad labels and one-class samples are refused with the reason") {
  REQUIRE_THROWS_WITH(roc_curve(std::vector<double>{0.1, 0.2}, std::vector<double>{0, 2}),
                      Catch::Matchers::Contains("labels must be 0 (background) or 1 (signal)"));
  REQUIRE_THROWS_WITH(roc_curve(std::vector<double>{0.1, 0.2}, std::vector<double>{1, 1}),
                      Catch::Matchers::Contains("needs signal and background"));
}

TEST_CASE("roc: the compact curve keeps at most ~200 points from (0,0) to (1,1), monotone") {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> gauss(0, 1);
  std::vector<double> scores, labels;
  for (int i = 0; i < 5000; ++i) {
    labels.push_back(i % 2);
    scores.push_back(gauss(rng) + (i % 2));
  }
  const auto curve = roc_curve(scores, labels);
  const auto compact = compact_curve(curve);
  const auto& s = compact["eps_s"];
  const auto& b = compact["eps_b"];
  REQUIRE(s.size() == b.size());
  REQUIRE(s.size() <= 200);
  REQUIRE(s.size() >= 150);
  REQUIRE(s.front() == 0.0);
  REQUIRE(b.front() == 0.0);
  REQUIRE(s.back() == 1.0);
  REQUIRE(b.back() == 1.0);
  for (std::size_t i = 1; i < s.size(); ++i) {
    REQUIRE(s[i].get<double>() >= s[i - 1].get<double>());
    REQUIRE(b[i].get<double>() >= b[i - 1].get<double>());
  }
  RocCurve reloaded{s.get<std::vector<double>>(), b.get<std::vector<double>>(), {}};
  REQUIRE(auc(reloaded) == Approx(auc(curve)).margin(0.005));
  // A short curve is stored whole.
  REQUIRE(compact_curve(roc_curve(std::vector<double>{0.1, 0.9}, std::vector<double>{0, 1}))["eps_s"].size() == 3);
}
