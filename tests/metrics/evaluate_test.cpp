#include "toolkit/metrics/evaluate.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/metrics/calibration.h"

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
  REQUIRE(metric_names() ==
          std::vector<std::string>{"auc", "accuracy", "sic_max", "ece", "rejection@<eps>", "jsd@<eps>"});
}

TEST_CASE("evaluate: weights enter every metric, as a jet given twice") {
  EvaluationInput weighted{{0.9, 0.5, 0.4, 0.1}, {1, 0, 1, 0}, {2, 1, 1, 1}, {}};
  const auto values = evaluate({"auc", "accuracy", "rejection@0.5", "ece"}, weighted);
  const auto doubled = evaluate({"auc", "accuracy", "rejection@0.5", "ece"},
                                std::vector<double>{0.9, 0.9, 0.5, 0.4, 0.1}, std::vector<double>{1, 1, 0, 1, 0});
  REQUIRE(values.at("auc") == Approx(5.0 / 6.0));
  REQUIRE(values.at("auc") == Approx(doubled.at("auc")));
  REQUIRE(values.at("accuracy") == Approx(doubled.at("accuracy")));
  REQUIRE(values.at("rejection@0.5") == Approx(doubled.at("rejection@0.5")));
  REQUIRE(values.at("ece") == Approx(doubled.at("ece")));
  REQUIRE(values.at("ece") == Approx(expected_calibration_error({0.9, 0.5, 0.4, 0.1}, {1, 0, 1, 0}, {2, 1, 1, 1})));
}

TEST_CASE("evaluate: jsd@0.5 is the background-mass JSD of the hand two-bin case") {
  // Background masses 50, 50, 150, 150 span the histogram; the one passing the cut at eps_S = 0.5 has 50 GeV:
  // before (1/2, ..., 1/2), after (1, 0, ...): the two-bin JSD.
  EvaluationInput input{{0.9, 0.8, 0.2, 0.1, 0.85, 0.1, 0.05, 0.02}, {1, 1, 1, 1, 0, 0, 0, 0}, {}, {}};
  input.observers["mass"] = {170, 170, 170, 170, 50, 50, 150, 150};
  const auto values = evaluate({"jsd@0.5", "rejection@0.5"}, input);
  REQUIRE(values.at("jsd@0.5") == Approx((std::log2(4.0 / 3.0) + (std::log2(2.0 / 3.0) + 1) / 2) / 2));
  REQUIRE(values.at("rejection@0.5") == Approx(4.0));
}

TEST_CASE("evaluate: jsd@ without a mass observer names the observer and what the sample has") {
  EvaluationInput input{{0.9, 0.1}, {1, 0}, {}, {{"pt", {500, 600}}, {"tau21", {0.3, 0.6}}}};
  REQUIRE_THROWS_WITH(evaluate({"auc", "jsd@0.5"}, input),
                      Catch::Matchers::Contains("'jsd@0.5' needs the observer 'mass'") &&
                          Catch::Matchers::Contains("only: pt, tau21"));
  REQUIRE_THROWS_WITH(evaluate({"jsd@0.3"}, std::vector<double>{0.9, 0.1}, std::vector<double>{1, 0}),
                      Catch::Matchers::Contains("has no observers"));
}

TEST_CASE("evaluate: ece and jsd@ are known names, misspellings get the closest one") {
  REQUIRE_NOTHROW(check_metric_name("ece"));
  REQUIRE_NOTHROW(check_metric_name("jsd@0.5"));
  REQUIRE_THROWS_WITH(check_metric_name("jsd@2"), Catch::Matchers::Contains("in (0, 1) after '@', e.g. jsd@0.3"));
  REQUIRE_THROWS_WITH(check_metric_name("jds@0.5"), Catch::Matchers::Contains("did you mean 'jsd@0.5'?"));
  REQUIRE_THROWS_WITH(check_metric_name("eec"), Catch::Matchers::Contains("did you mean 'ece'?"));
}

TEST_CASE("evaluate: the float input keeps scores, weights and observers") {
  const auto input = evaluation_input({0.25f, 0.75f}, {0, 1}, {1, 2}, {{"mass", {80.f, 175.f}}});
  REQUIRE(input.scores == std::vector<double>{0.25, 0.75});
  REQUIRE(input.weights == std::vector<double>{1, 2});
  REQUIRE(input.observers.at("mass") == std::vector<double>{80, 175});
}
