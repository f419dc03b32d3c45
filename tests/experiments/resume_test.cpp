// A run stopped mid-training and started again resumes from its last checkpoint and ends with the same numbers
// as a run that was never stopped (CPU, one thread: deterministic).
#include <catch2/catch.hpp>

#include "tests/experiments/run_experiment.h"

using namespace jetstudy;
using testing::final_metric;

namespace {

void check_resume_reproduces(const std::string& recipe) {
  const auto run = testing::test_run(recipe, {"train.epochs=4", "train.early_stop.patience=4", "model.dropout=0.2"});
  const testing::ExperimentBench uninterrupted_bench;
  const auto uninterrupted = testing::run_experiment(uninterrupted_bench, run);

  const testing::ExperimentBench bench;
  REQUIRE(testing::run_until_interrupted(bench, run, 2));
  REQUIRE(std::filesystem::exists(bench.run_directory(run.hash) / "last.pt"));

  const auto resumed = testing::run_experiment(bench, run);
  for (const auto* name : {"auc", "rejection@0.3", "loss"})
    CHECK(final_metric(resumed, "test", name) == final_metric(uninterrupted, "test", name));
  CHECK(testing::metric_per_epoch(resumed, "val", "loss") == testing::metric_per_epoch(uninterrupted, "val", "loss"));
  CHECK(testing::metric_per_epoch(resumed, "val", "loss").size() == 4);
}

}  // namespace

TEST_CASE("resume: a classify run interrupted after epoch 2 of 4 and run again ends with the uninterrupted metrics") {
  check_resume_reproduces("classify_deeptop.yaml");
}

TEST_CASE("resume: a pivot run resumes its adversary and the adversary's optimiser too") {
  check_resume_reproduces("decorrelate_pivot.yaml");
}
