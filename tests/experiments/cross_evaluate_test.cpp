// Cross-evaluation: a trained run scored on another dataset (here: more pile-up).
#include "experiments/cross_evaluate.h"

#include <catch2/catch.hpp>

#include "tests/experiments/run_experiment.h"

using namespace jetstudy;
using Catch::Matchers::Contains;

TEST_CASE("cross evaluate: a DeepTop run trained without pile-up is scored on a mu = 40 dataset of its own") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("classify_deeptop.yaml");
  testing::run_experiment(bench, run);
  const auto other = testing::test_run("pileup_base_other.yaml");
  const auto evaluation = experiments::cross_evaluate(run.hash, run.config, bench.run_directory(run.hash) / "best.pt",
                                                      other.config, bench.cache(), "pile-up 40", [](const std::string&) {});
  CHECK(evaluation.run_hash == run.hash);
  CHECK(evaluation.label == "pile-up 40");
  CHECK(evaluation.dataset_hash != "");
  const double auc = evaluation.metrics.at("auc").get<double>();
  CHECK((auc > 0.5 && auc <= 1));
  CHECK(evaluation.curves.at("roc").at("eps_s").size() > 2);
}

TEST_CASE("cross evaluate: a dataset whose images do not fit the network is refused naming both shapes") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("classify_deeptop.yaml");
  testing::run_experiment(bench, run);
  const auto other = testing::test_run("pileup_base_other.yaml", {"images.size=[20, 20]"});
  REQUIRE_THROWS_WITH(experiments::cross_evaluate(run.hash, run.config, bench.run_directory(run.hash) / "best.pt",
                                                  other.config, bench.cache(), "bigger", [](const std::string&) {}),
                      Contains("1x20x20 images do not fit run"));
}
