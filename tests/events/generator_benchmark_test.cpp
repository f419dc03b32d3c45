// The generator benchmark behind `jetstudy bench events`: one rate per (process, detector), all positive.
#include <catch2/catch.hpp>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/generator_benchmark.h"

using namespace jetstudy::events::generator;

TEST_CASE("generator_benchmark: top and qcd are timed without and with the detector") {
  const auto rates = measure_generator_rates(200);
  REQUIRE(rates.size() == 4);
  CHECK(rates[0].process == "top");
  CHECK(rates[0].detector == "none");
  CHECK(rates[1].detector == "towers+tracks");
  CHECK(rates[3].process == "qcd");
  for (const auto& rate : rates) {
    CHECK(rate.events == 200);
    CHECK(rate.seconds > 0);
    CHECK(rate.events_per_second == Approx(200 / rate.seconds));
  }
  REQUIRE_THROWS_AS(measure_generator_rates(0), jetstudy::core::InputError);
}
