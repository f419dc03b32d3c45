// anomaly: autoencoders trained on QCD only; top jets should reconstruct worse.
#include <catch2/catch.hpp>

#include "tests/experiments/run_experiment.h"

using namespace jetstudy;
using testing::final_metric;
using Catch::Matchers::Contains;

TEST_CASE("anomaly: conv and dense autoencoders trained on QCD only give top jets larger reconstruction errors") {
  // 2000 jets, 16x16, 10 epochs: the conv autoencoder reached AUC 0.60 in a probe (0.32 after 4 epochs on 600
  // jets: an undertrained autoencoder errs most on the QCD jets' varying hard core).
  const testing::ExperimentBench bench;
  const auto conv = testing::run_experiment(bench, testing::test_run("anomaly_conv_ae.yaml"));
  CHECK(final_metric(conv, "test", "auc") > 0.53);
  const auto losses = testing::metric_per_epoch(conv, "train", "loss");
  REQUIRE(losses.size() == 10);
  CHECK(losses.back() < losses.front());
  const auto dense = testing::run_experiment(bench, testing::test_run("anomaly_dense_ae.yaml"));
  CHECK(final_metric(dense, "test", "auc") > 0.5);
  CHECK_NOTHROW(testing::curve(dense, "roc"));
}

TEST_CASE("anomaly: a loss other than reconstruction is refused") {
  const testing::ExperimentBench bench;
  REQUIRE_THROWS_WITH(testing::run_experiment(bench, testing::test_run("anomaly_conv_ae.yaml", {"loss=bce"})),
                      Contains("loss: {name: reconstruction}"));
}
