#include <catch2/catch.hpp>

#include "toolkit/jets/jet_finder.h"

using namespace jetstudy;

TEST_CASE("jet_finder: max_jets keeps the hardest jets only, the same as the first of all jets") {
  // Three well-separated massless particles, each its own R=0.4 jet: 300, 200 and 100 GeV.
  events::Event event;
  for (const auto& [pt, phi] : {std::pair{300.0, 0.0}, {200.0, 2.0}, {100.0, -2.0}})
    event.particles.push_back({pt * std::cos(phi), pt * std::sin(phi), 0.0, pt, 211, 1, false});
  jets::JetSpec spec;
  spec.R = 0.4;
  const auto all = jets::JetFinder(spec).find(event);
  REQUIRE(all.size() == 3);
  spec.max_jets = 2;
  const auto hardest = jets::JetFinder(spec).find(event);
  REQUIRE(hardest.size() == 2);
  CHECK(hardest[0].pt == Approx(300));
  CHECK(hardest[1].pt == Approx(all[1].pt));
  spec.pt_min_gev = 250;
  CHECK(jets::JetFinder(spec).find(event).size() == 1);
}
