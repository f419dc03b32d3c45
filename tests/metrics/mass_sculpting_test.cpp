#include "toolkit/metrics/mass_sculpting.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

TEST_CASE("mass sculpting: a hand two-bin case gives the cut, R50 and the JSD one computes on paper") {
  // Signal scores 0.9, 0.8, 0.2, 0.1; background (mass, score): (50, 0.85), (50, 0.1), (150, 0.05), (150, 0.02).
  // eps_S = 0.5 is reached at the cut 0.8, where one background jet of four passes: eps_B = 1/4, R50 = 4.
  // Before: (1/2, 1/2); after: (1, 0) -> JSD = (log2(4/3) + (log2(2/3) + 1) / 2) / 2.
  const std::vector<double> scores{0.9, 0.8, 0.2, 0.1, 0.85, 0.1, 0.05, 0.02};
  const std::vector<double> labels{1, 1, 1, 1, 0, 0, 0, 0};
  const std::vector<double> mass{170, 170, 170, 170, 50, 50, 150, 150};
  const auto result = mass_sculpting(scores, labels, mass, {}, {.signal_efficiency = 0.5, .bins = 2, .low = 0, .high = 200});
  REQUIRE(result.threshold == 0.8);
  REQUIRE(result.signal_efficiency == 0.5);
  REQUIRE(result.eps_b == 0.25);
  REQUIRE(result.rejection == 4.0);
  REQUIRE(result.edges == std::vector<double>{0, 100, 200});
  REQUIRE(result.before == std::vector<double>{0.5, 0.5});
  REQUIRE(result.after == std::vector<double>{1, 0});
  REQUIRE(result.jsd == Approx((std::log2(4.0 / 3.0) + (std::log2(2.0 / 3.0) + 1) / 2) / 2));

  SECTION("weights enter the efficiencies and the histograms") {
    // The passing background jet weighs 3 of 6: eps_B = 1/2, before (4/6, 2/6), after (1, 0).
    const auto weighted = mass_sculpting(scores, labels, mass, {1, 1, 1, 1, 3, 1, 1, 1},
                                         {.signal_efficiency = 0.5, .bins = 2, .low = 0, .high = 200});
    REQUIRE(weighted.eps_b == 0.5);
    REQUIRE(weighted.rejection == 2.0);
    REQUIRE(weighted.before[0] == Approx(4.0 / 6.0));
    REQUIRE(weighted.after == std::vector<double>{1, 0});
  }
}

TEST_CASE("mass sculpting: a score independent of the mass leaves the mass distribution alone (JSD ~ 0)") {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> mass_of(90, 30);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<double> scores, labels, mass;
  for (int i = 0; i < 20000; ++i) {
    const bool signal = i % 2 == 0;
    labels.push_back(signal ? 1 : 0);
    scores.push_back(signal ? std::sqrt(uniform(rng)) : uniform(rng));  // separates, but not through the mass
    mass.push_back(mass_of(rng));
  }
  const auto result = mass_sculpting(scores, labels, mass);
  // Signal scores sqrt(u) pass half at sqrt(u) > 1/sqrt(2); uniform background passes 1 - 1/sqrt(2) = 0.293.
  REQUIRE(result.eps_b == Approx(1 - 1 / std::sqrt(2.0)).margin(0.01));
  REQUIRE(result.jsd < 0.005);
}

TEST_CASE("mass sculpting: a score equal to the mass sculpts the background strongly") {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> flat(0, 300);
  std::normal_distribution<double> top(175, 15);
  std::vector<double> scores, labels, mass;
  for (int i = 0; i < 4000; ++i) {
    const bool signal = i % 2 == 0;
    const double m = signal ? top(rng) : flat(rng);
    labels.push_back(signal ? 1 : 0);
    mass.push_back(m);
    scores.push_back(m);
  }
  const auto result = mass_sculpting(scores, labels, mass, {}, {.signal_efficiency = 0.5, .bins = 30, .low = 0, .high = 300});
  REQUIRE(result.threshold == Approx(175).margin(3));
  // The flat background keeps only masses above ~175 GeV, a fraction f ~ 0.42 of its range; for two flat
  // distributions JSD = ((1 - f) + f log2(2f / (1 + f)) + log2(2 / (1 + f))) / 2 ~ 0.38.
  const double f = (300 - result.threshold) / 300;
  const double flat_jsd = ((1 - f) + f * std::log2(2 * f / (1 + f)) + std::log2(2 / (1 + f))) / 2;
  REQUIRE(result.jsd == Approx(flat_jsd).margin(0.03));
  REQUIRE(result.jsd > 0.3);
  for (std::size_t b = 0; b < 17; ++b) REQUIRE(result.after[b] == 0.0);  // no passing jet below 170 GeV
}

TEST_CASE("mass sculpting: no passing background gives an infinite R50 and a NaN JSD, bad options are refused") {
  const std::vector<double> scores{0.9, 0.8, 0.2, 0.1}, labels{1, 1, 0, 0}, mass{170, 170, 50, 150};
  const auto perfect = mass_sculpting(scores, labels, mass);
  REQUIRE(std::isinf(perfect.rejection));
  REQUIRE(std::isnan(perfect.jsd));
  REQUIRE(perfect.after == std::vector<double>(40, 0.0));
  REQUIRE_THROWS_WITH(mass_sculpting(scores, labels, mass, {}, {.signal_efficiency = 0}),
                      Catch::Matchers::Contains("must be in (0, 1]"));
  REQUIRE_THROWS_WITH(mass_sculpting(scores, labels, mass, {}, {.low = 500, .high = 600}),
                      Catch::Matchers::Contains("no background jet") && Catch::Matchers::Contains("widen the range"));
}
