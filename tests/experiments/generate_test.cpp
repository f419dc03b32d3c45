// generate: a miniature LAGAN on W vs QCD jets, judged by observables recomputed from its pixels.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/experiments/run_experiment.h"

using namespace jetstudy;
using testing::final_metric;

TEST_CASE("generate: LAGAN trains, and the distance of its pixel mass, pT and tau21 to the real jets is kept per epoch") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("generate_lagan.yaml");
  const auto outcome = testing::run_experiment(bench, run);
  for (const auto* name : {"mass_distance", "pt_distance", "tau21_distance"}) {
    const auto per_epoch = testing::metric_per_epoch(outcome, "val", name);
    REQUIRE(per_epoch.size() == 2);
    CHECK(std::isfinite(per_epoch[0]));
    CHECK(per_epoch[0] >= 0);
  }
  const auto mass = testing::metric_per_epoch(outcome, "val", "mass_distance");
  CHECK(final_metric(outcome, "test", "mass_distance") == std::min(mass[0], mass[1]));
  const auto& images = testing::curve(outcome, "average_images");
  CHECK(images.at("generated_signal").at("pixels").size() == 256);
  CHECK(std::filesystem::exists(bench.run_directory(run.hash) / "best.pt"));
}
