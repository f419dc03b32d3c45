#include "toolkit/metrics/evaluate.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

TEST_CASE("evaluate: computes the named metrics on a hand example") {
  const std::vector<float> scores{0.1f, 0.4f, 0.35f, 0.8f};
  const std::vector<float> labels{0, 0, 1, 1};
  const auto values = evaluate({"auc", "accuracy", "rejection@0.5", "rejection@0.75", "sic_max"}, scores, labels);
  REQUIRE(values.size() == 5);
  REQUIRE(values.at("auc") == 0.75);
  REQUIRE(values.at("accuracy") == 0.75);
  REQUIRE(std::isinf(values.at("rejection@0.5")));  // the 0.8 signal jet alone: no background passes
  REQUIRE(values.at("rejection@0.75") == Approx(2.0));  // between (.5, .5) and (1, .5): eps_B = 0.5
  REQUIRE(values.at("sic_max") == Approx(1 / std::sqrt(0.5)));
}

TEST_CASE("evaluate: a misspelt metric names the closest valid one") {
  REQUIRE_THROWS_WITH(evaluate({"rejecton@0.3"}, std::vector<double>{0.1, 0.9}, std::vector<double>{0, 1}),
                      Catch::Matchers::Contains("unknown metric 'rejecton@0.3'") &&
                          Catch::Matchers::Contains("did you mean 'rejection@0.3'?"));
  REQUIRE_THROWS_WITH(check_metric_name("acu"), Catch::Matchers::Contains("did you mean 'auc'?"));
}

TEST_CASE("evaluate: rejection@ needs an efficiency strictly between 0 and 1") {
  REQUIRE_THROWS_WITH(check_metric_name("rejection@1.3"), Catch::Matchers::Contains("in (0, 1)"));
  REQUIRE_THROWS_WITH(check_metric_name("rejection@abc"), Catch::Matchers::Contains("in (0, 1)"));
  REQUIRE_NOTHROW(check_metric_name("rejection@0.3"));
  REQUIRE(metric_names() == std::vector<std::string>{"auc", "accuracy", "sic_max", "rejection@<eps>"});
}
