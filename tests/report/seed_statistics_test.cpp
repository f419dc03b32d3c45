#include "toolkit/report/seed_statistics.h"

#include <catch2/catch.hpp>

#include "toolkit/core/error.h"

using namespace jetstudy::report;

TEST_CASE("seed_statistics: three seeds with AUC 0.90, 0.92, 0.94 have median 0.92 and spread 0.02") {
  const SeedSummary summary = summarize_seeds({0.94, 0.90, 0.92});
  CHECK(summary.count == 3);
  CHECK(summary.median == Approx(0.92));
  REQUIRE(summary.spread.has_value());
  CHECK(*summary.spread == Approx(0.02));
}

TEST_CASE("seed_statistics: an even count takes the mean of the two middle values") {
  CHECK(median({4.0, 1.0, 3.0, 2.0}) == 2.5);
  CHECK(median({7.0}) == 7.0);
}

TEST_CASE("seed_statistics: the spread divides by n - 1 (100, 110, 130 -> 15.275)") {
  CHECK(sample_standard_deviation({100.0, 110.0, 130.0}) == Approx(15.2753).epsilon(1e-5));
  CHECK(sample_standard_deviation({1.0, 1.0}) == 0.0);
}

TEST_CASE("seed_statistics: one seed has a median but no spread, none is our bug") {
  const SeedSummary one = summarize_seeds({0.95});
  CHECK(one.median == 0.95);
  CHECK_FALSE(one.spread.has_value());
  CHECK_THROWS_AS(summarize_seeds({}), jetstudy::core::InternalError);
  CHECK_THROWS_AS(sample_standard_deviation({1.0}), jetstudy::core::InternalError);
}
