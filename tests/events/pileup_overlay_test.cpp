#include "toolkit/events/pileup_overlay.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"

// The real minimum-bias sample: 100 Pythia events, 20273 final-state particles (202.73 per event).

namespace {

using jetstudy::events::Event;
using jetstudy::events::PileupOverlay;

const char* const kMinimumBias = JETSTUDY_SHARED_DATA "/hepmc3/sk_example_PU.hepmc.zst";
constexpr double kMeanMultiplicity = 20273.0 / 100.0;

Event hard_event(std::uint64_t number) {
  Event event;
  event.number = number;
  event.particles.push_back({100, 0, 0, 100, 211, 1, false});
  return event;
}

// Particles added to each of `n` hard events.
std::vector<std::size_t> added_per_event(PileupOverlay& overlay, int n) {
  std::vector<std::size_t> added;
  for (int i = 0; i < n; ++i) {
    Event event = hard_event(static_cast<std::uint64_t>(i));
    overlay.overlay(event);
    REQUIRE_FALSE(event.particles.front().from_pileup);
    for (std::size_t k = 1; k < event.particles.size(); ++k) REQUIRE(event.particles[k].from_pileup);
    added.push_back(event.particles.size() - 1);
  }
  return added;
}

}  // namespace

TEST_CASE("pileup overlay: mu = 3 adds about 3 minimum-bias events per event, all flagged, cycling the file") {
  PileupOverlay overlay(kMinimumBias, 3.0, 42);
  const auto added = added_per_event(overlay, 100);
  const double mean_interactions = static_cast<double>(overlay.interactions_added()) / 100;
  CHECK(std::abs(mean_interactions - 3.0) < 3 * std::sqrt(3.0 / 100));  // Poisson mean within 3 sigma
  double mean_added = 0;
  for (const auto n : added) mean_added += static_cast<double>(n) / 100;
  CHECK(mean_added == Approx(static_cast<double>(overlay.particles_added()) / 100));
  // About 3 passes over the whole file: the mean multiplicity of the events used is the file's.
  CHECK(mean_added == Approx(mean_interactions * kMeanMultiplicity).epsilon(0.1));
  CHECK(mean_added == Approx(3.0 * kMeanMultiplicity).epsilon(0.2));
  CHECK(overlay.rewinds() == overlay.interactions_added() / 100 - (overlay.interactions_added() % 100 == 0 ? 1 : 0));
}

TEST_CASE("pileup overlay: the same seed gives the same pile-up, another seed another") {
  PileupOverlay first(kMinimumBias, 1.5, 7);
  PileupOverlay second(kMinimumBias, 1.5, 7);
  PileupOverlay other(kMinimumBias, 1.5, 8);
  const auto a = added_per_event(first, 40);
  CHECK(a == added_per_event(second, 40));
  CHECK(a != added_per_event(other, 40));
}

TEST_CASE("pileup overlay: mu = 0 adds nothing, a negative mu is refused") {
  PileupOverlay none(kMinimumBias, 0.0, 1);
  Event event = hard_event(0);
  CHECK(none.overlay(event) == 0);
  CHECK(event.particles.size() == 1);
  REQUIRE_THROWS_WITH(PileupOverlay(kMinimumBias, -1.0, 1),
                      Catch::Matchers::Contains("pile-up mu must be a finite number >= 0"));
}
