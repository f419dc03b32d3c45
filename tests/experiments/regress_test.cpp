// regress: the hard-scatter jet pT under pile-up, per jet and per pixel (PUMML).
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/experiments/run_experiment.h"

using namespace jetstudy;
using testing::final_metric;
using Catch::Matchers::Contains;

TEST_CASE("regress: the truth pT under pile-up is learned per jet, reported as bias, resolution and RMSE in GeV") {
  const testing::ExperimentBench bench;
  const auto outcome = testing::run_experiment(bench, testing::test_run("regress_truth_pt.yaml"));
  CHECK(final_metric(outcome, "test", "target_mean") > 200);  // GeV
  CHECK(std::abs(final_metric(outcome, "test", "bias")) < 0.5);
  CHECK(final_metric(outcome, "test", "resolution") > 0);
  // Better than always predicting the mean: the RMSE is below the target's spread.
  CHECK(final_metric(outcome, "test", "rmse") < 1.5 * final_metric(outcome, "test", "target_std"));
}

TEST_CASE("regress: PUMML predicts the neutral hard-scatter pixels and reports the jet pT beside the uncorrected one") {
  const testing::ExperimentBench bench;
  const auto outcome = testing::run_experiment(bench, testing::test_run("regress_pumml.yaml"));
  CHECK(final_metric(outcome, "test", "pixel_mse") >= 0);
  // All neutral pT (the uncorrected input) overestimates the hard-scatter jet pT under pile-up: a positive bias.
  CHECK(final_metric(outcome, "test", "baseline_pt_bias") > 0);
  CHECK(std::isfinite(final_metric(outcome, "test", "pt_resolution")));
}

TEST_CASE("regress: exactly one of target and target_channel is required") {
  const testing::ExperimentBench bench;
  REQUIRE_THROWS_WITH(testing::run_experiment(bench, testing::test_run("regress_truth_pt.yaml", {"experiment.target_channel=0"})),
                      Contains("exactly one of target"));
}
