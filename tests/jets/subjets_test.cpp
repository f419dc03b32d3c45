#include "toolkit/jets/subjets.h"

#include <catch2/catch.hpp>

#include "tests/jets/make_jet.h"
#include "toolkit/core/error.h"
#include "toolkit/jets/jet_finder.h"

using namespace jetstudy::jets;
using testing::make_event;
using testing::make_jet;

TEST_CASE("subjets: exclusive kT subjets follow the kT merging order, pT-ordered") {
  // kT merges 20 into 100 first (min pT^2 dR^2 = 4), then 120 with 60.
  const Jet jet = make_jet({{100, 0, 0}, {20, 0, 0.1}, {60, 0, 0.8}});
  const auto three = exclusive_kt_subjets(jet, 3);
  REQUIRE(three.size() == 3);
  CHECK(three[0].pt == Approx(100));
  CHECK(three[2].pt == Approx(20));
  const auto two = exclusive_kt_subjets(jet, 2);
  REQUIRE(two.size() == 2);
  CHECK(two[0].pt == Approx(100 * 1.0 + 20 * std::cos(0.1)).epsilon(1e-3));
  CHECK(two[1].pt == Approx(60));
  CHECK(two[1].phi == Approx(0.8));
  const auto one = exclusive_kt_subjets(jet, 1);
  REQUIRE(one.size() == 1);
  CHECK(one[0].pt == Approx(jet.pt).epsilon(1e-12));
  CHECK(one[0].m == Approx(jet.m).epsilon(1e-9));
}

TEST_CASE("subjets: asking for more subjets than constituents gives one per constituent, not an error") {
  const Jet jet = make_jet({{100, 0, 0}, {50, 0.3, 0.3}});
  const auto subjets = exclusive_kt_subjets(jet, 4);
  CHECK(subjets.size() == 2);  // documented: callers count and skip jets with size() < N
  CHECK(exclusive_kt_subjets(Jet{}, 2).empty());
  REQUIRE_THROWS_WITH(exclusive_kt_subjets(jet, 0), Catch::Matchers::Contains("N must be >= 1"));
  REQUIRE_THROWS_AS(inclusive_kt_subjets(jet, 0), jetstudy::core::InputError);
}

TEST_CASE("subjets: inclusive kT subjets of radius 0.2 separate particles further apart than 0.2") {
  const Jet jet = make_jet({{100, 0, 0}, {30, 0.05, 0.05}, {40, 0.5, 0}, {5, -0.4, 0.4}});
  const auto subjets = inclusive_kt_subjets(jet, 0.2);
  REQUIRE(subjets.size() == 3);
  CHECK(subjets[0].pt > 129);
  CHECK(subjets[1].pt == Approx(40));
  CHECK(subjets[2].pt == Approx(5));
}

TEST_CASE("subjets: the jet finder gives the N exclusive kT subjets when asked") {
  JetSpec spec;
  spec.exclusive_subjets = 2;
  const JetFinder finder(spec);
  const auto jets = finder.find(make_event({{100, 0, 0}, {20, 0, 0.1}, {60, 0, 0.8}}));
  REQUIRE(jets.size() == 1);
  REQUIRE(jets[0].subjets.size() == 2);
  CHECK(jets[0].subjets[1].pt == Approx(60));
  CHECK(jets[0].R == 1.0);
  CHECK(finder.description() == "antikt R=1, 2 exclusive kT subjets");
  spec.exclusive_subjets = -1;
  REQUIRE_THROWS_WITH(JetFinder(spec), Catch::Matchers::Contains("exclusive subjets N must be >= 0"));
}
