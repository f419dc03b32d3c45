#include "toolkit/metrics/sample_checks.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

TEST_CASE("sample checks: a bad label, a NaN score, a negative weight or a NaN observer name the jet") {
  REQUIRE_NOTHROW(check_sample({0.2, 0.7}, {0, 1}, {1, 2}));
  REQUIRE_THROWS_WITH(check_sample({0.2, 0.7}, {0, 0.5}, {}),
                      Catch::Matchers::Contains("labels must be 0 (background) or 1 (signal)") &&
                          Catch::Matchers::Contains("at jet 1"));
  REQUIRE_THROWS_WITH(check_sample({std::nan(""), 0.7}, {0, 1}, {}),
                      Catch::Matchers::Contains("the score of jet 0 is NaN"));
  REQUIRE_THROWS_WITH(check_sample({0.2, 0.7}, {0, 1}, {1, -1}),
                      Catch::Matchers::Contains("weights must be >= 0") && Catch::Matchers::Contains("at jet 1"));
  REQUIRE_THROWS_WITH(check_observer({80, std::nan("")}, 2, "mass"),
                      Catch::Matchers::Contains("the observer 'mass' of jet 1 is NaN"));
  REQUIRE(weight_of({}, 3) == 1.0);
  REQUIRE(weight_of({0.5, 2}, 1) == 2.0);
}
