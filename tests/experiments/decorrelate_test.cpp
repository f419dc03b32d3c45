// decorrelate: a DisCo lambda scan on tiny top-vs-QCD samples.
#include <catch2/catch.hpp>

#include "tests/experiments/run_experiment.h"

using namespace jetstudy;
using testing::final_metric;
using Catch::Matchers::Contains;

TEST_CASE("decorrelate: a larger DisCo lambda sculpts the background mass less (lower JSD), at some cost in R50") {
  const testing::ExperimentBench bench;
  const auto plain = testing::run_experiment(bench, testing::test_run("decorrelate_disco.yaml", {"loss.lambda=0"}));
  const auto strong = testing::run_experiment(bench, testing::test_run("decorrelate_disco.yaml", {"loss.lambda=100"}));
  const double jsd_plain = final_metric(plain, "test", "mass_jsd@0.5"),
               jsd_strong = final_metric(strong, "test", "mass_jsd@0.5");
  CHECK(jsd_strong < jsd_plain);
  CHECK(final_metric(strong, "test", "inverse_mass_jsd@0.5") == Approx(1 / jsd_strong));
  CHECK(final_metric(plain, "test", "r50") > 1);
  const auto& histograms = testing::curve(plain, "background_mass");
  CHECK(histograms.at("edges").size() == 21);
  CHECK(histograms.at("before").size() == 20);
}

TEST_CASE("decorrelate: without a decorrelating loss or data.downsample the experiment is refused before training") {
  const testing::ExperimentBench bench;
  REQUIRE_THROWS_WITH(testing::run_experiment(bench, testing::test_run("decorrelate_disco.yaml", {"loss=bce"})),
                      Contains("needs a decorrelating loss"));
}

TEST_CASE("decorrelate: a loss that reads an observer the dataset lacks names it and what the dataset has") {
  const testing::ExperimentBench bench;
  REQUIRE_THROWS_WITH(
      testing::run_experiment(bench, testing::test_run("decorrelate_disco.yaml", {"data.observers=[pt, tau32]"})),
      Contains("loss disco reads the observer 'mass'") && Contains("it has: pt, tau32"));
}

TEST_CASE("decorrelate: down-sampling the training jets to equal signal and background mass shapes is accepted") {
  // CMS ImageTop-MD's cheap decorrelation: no special loss, the training sample itself carries no mass information.
  const testing::ExperimentBench bench;
  const auto sampled = testing::run_experiment(
      bench, testing::test_run("decorrelate_disco.yaml", {"loss=bce", "data.downsample={in: mass, bins: 10}"}));
  const auto plain = testing::run_experiment(
      bench, testing::test_run("decorrelate_disco.yaml", {"loss.lambda=0"}));
  CHECK(final_metric(sampled, "test", "mass_jsd@0.5") < final_metric(plain, "test", "mass_jsd@0.5"));
  CHECK(final_metric(sampled, "test", "r50") >= 1);
}
