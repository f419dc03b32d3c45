// Pruning, soft drop and mMDT through the jet finder, on hand-made events where the answer is known.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/jets/make_jet.h"
#include "toolkit/core/error.h"
#include "toolkit/jets/jet_finder.h"

using namespace jetstudy::jets;
using testing::make_event;

namespace {

JetSpec groomed(GroomSpec groom) {
  JetSpec spec;
  spec.R = 1.0;
  spec.groom = groom;
  return spec;
}

double pair_mass(double pt1, double pt2, double deta, double dphi) {
  return std::sqrt(2 * pt1 * pt2 * (std::cosh(deta) - std::cos(dphi)));
}

// A 300 + 100 GeV two-prong core 0.1 apart and a soft 3 GeV particle 0.86 away.
const std::vector<testing::Massless> kCoreAndSoft = {{300, 0, 0}, {100, 0.0, 0.1}, {3, 0.7, -0.5}};

}  // namespace

TEST_CASE("grooming: soft drop with beta = 0 (mMDT) drops a soft wide-angle particle and keeps the hard pair") {
  for (const GroomSpec groom : {GroomSpec(SoftDropSpec{0, 0.1, 0}), GroomSpec(MmdtSpec{0.1, 1.0})}) {
    const auto jets = JetFinder(groomed(groom)).find(make_event(kCoreAndSoft));
    REQUIRE(jets.size() == 1);
    CHECK(jets[0].constituents.size() == 2);
    CHECK(jets[0].m == Approx(pair_mass(300, 100, 0, 0.1)).epsilon(1e-9));
  }
}

TEST_CASE("grooming: soft drop with beta > 0 keeps soft collinear radiation that mMDT removes") {
  // z = 5/105 < zcut = 0.1, so beta = 0 drops it; with beta = 2 the cut is 0.1 (0.2/1)^2 = 0.004 < z.
  const auto event = make_event({{100, 0, 0}, {5, 0, 0.2}});
  const auto mmdt = JetFinder(groomed(SoftDropSpec{0, 0.1, 0})).find(event);
  const auto beta2 = JetFinder(groomed(SoftDropSpec{2, 0.1, 0})).find(event);
  REQUIRE(mmdt.size() == 1);
  REQUIRE(beta2.size() == 1);
  CHECK(mmdt[0].constituents.size() == 1);
  CHECK(mmdt[0].m == Approx(0).margin(1e-6));
  CHECK(beta2[0].constituents.size() == 2);
  CHECK(beta2[0].m == Approx(pair_mass(100, 5, 0, 0.2)).epsilon(1e-9));
  // A smaller R0 tightens the cut at fixed angle: (0.2/0.1)^2 * 0.1 = 0.4 > z drops it again.
  CHECK(JetFinder(groomed(SoftDropSpec{2, 0.1, 0.1})).find(event)[0].constituents.size() == 1);
}

TEST_CASE("grooming: mMDT's mass-drop condition mu rejects a splitting without a mass drop") {
  // Two prongs of ~100 GeV, 0.6 apart, each two particles 0.05 apart; the (60, 40) prong is the harder one.
  const auto event = make_event({{60, 0, 0}, {40, 0, 0.05}, {55, 0, 0.6}, {45, 0, 0.65}});
  // Each prong is light (~2.5 GeV) against the jet (~60 GeV): mu = 0.67 keeps the whole jet.
  const auto passed = JetFinder(groomed(MmdtSpec{0.1, 0.67})).find(event);
  REQUIRE(passed.size() == 1);
  CHECK(passed[0].constituents.size() == 4);
  // With a tiny mu the top splitting has no mass drop: mMDT follows the harder prong, whose two massless
  // particles pass any mass drop (0 < mu m).
  const auto dropped = JetFinder(groomed(MmdtSpec{0.1, 1e-3})).find(event);
  REQUIRE(dropped.size() == 1);
  CHECK(dropped[0].constituents.size() == 2);
  CHECK(dropped[0].m == Approx(pair_mass(60, 40, 0, 0.05)).epsilon(1e-9));
}

TEST_CASE("grooming: pruning removes a soft wide-angle merging and keeps the hard core") {
  const auto jets = JetFinder(groomed(PruneSpec{0.1, 0.5})).find(make_event(kCoreAndSoft));
  REQUIRE(jets.size() == 1);
  CHECK(jets[0].constituents.size() == 2);
  CHECK(jets[0].m == Approx(pair_mass(300, 100, 0, 0.1)).epsilon(1e-9));
  // With zcut = 0 nothing is pruned.
  CHECK(JetFinder(groomed(PruneSpec{0.0, 0.5})).find(make_event(kCoreAndSoft))[0].constituents.size() == 3);
}

TEST_CASE("grooming: the older trim field and groom agree, and bad parameters name the groomer") {
  JetSpec legacy;
  legacy.trim = TrimSpec{0.2, 0.05};
  const JetFinder finder(legacy);
  CHECK(std::holds_alternative<TrimSpec>(finder.spec().groom));
  CHECK(finder.description() == "antikt R=1, trimmed (kT R_sub=0.2, fcut=0.05)");
  JetSpec modern = groomed(TrimSpec{0.3, 0.03});
  CHECK(JetFinder(modern).spec().trim == TrimSpec{0.3, 0.03});

  JetSpec both = groomed(PruneSpec{});
  both.trim = TrimSpec{};
  REQUIRE_THROWS_WITH(JetFinder(both), Catch::Matchers::Contains("both `trim` and `groom` (prune)"));
  REQUIRE_THROWS_WITH(JetFinder(groomed(SoftDropSpec{-1, 0.1, 0})),
                      Catch::Matchers::Contains("soft drop beta must be >= 0 (got -1)"));
  REQUIRE_THROWS_WITH(JetFinder(groomed(PruneSpec{1.5, 0.5})),
                      Catch::Matchers::Contains("pruning zcut must be in [0, 1)"));
  REQUIRE_THROWS_WITH(JetFinder(groomed(MmdtSpec{0.1, 0})), Catch::Matchers::Contains("mMDT mu"));
  REQUIRE_THROWS_AS(JetFinder(groomed(TrimSpec{0, 0.05})), jetstudy::core::InputError);
  CHECK(JetFinder(groomed(SoftDropSpec{1, 0.2, 0})).description() ==
        "antikt R=1, soft drop (beta=1, zcut=0.2, R0=jet R), kT subjets R=0.2");
  CHECK(describe_groom(MmdtSpec{0.1, 0.67}) == "mMDT (zcut=0.1, mu=0.67)");
  CHECK(groom_name(NoGroom{}) == "none");
}
