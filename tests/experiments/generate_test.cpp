// generate: a miniature LAGAN on W vs QCD jets, judged by observables recomputed from its pixels.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "tests/experiments/run_experiment.h"

using namespace jetstudy;
using testing::final_metric;

TEST_CASE("generate: LAGAN trains, keeps the distance of its pixel mass, pT and tau21 to the real jets per epoch, and their distributions at the end") {
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

  // At the end, the generated and real distributions of the best epoch over common bins, as fractions of jets.
  const auto& distributions = testing::curve(outcome, "generation_distributions");
  CHECK(distributions.at("epoch") == final_metric(outcome, "train", "best_epoch"));
  const double jets = distributions.at("jets").get<double>();
  CHECK(jets > 10);
  CHECK(jets <= 100);  // evaluate_jets, at most the test split
  for (const char* name : {"pt", "mass", "tau21"}) {
    INFO(name);
    const auto& histogram = distributions.at(name);
    const auto edges = histogram.at("edges").get<std::vector<double>>();
    REQUIRE(edges.size() == 31);
    CHECK(std::is_sorted(edges.begin(), edges.end()));
    for (const char* sample : {"real", "generated"}) {
      INFO(sample);
      const auto fractions = histogram.at(sample).get<std::vector<double>>();
      REQUIRE(fractions.size() == 30);
      double total = 0;
      for (const double f : fractions) total += f * jets;
      if (std::string(name) == "tau21") {
        CHECK(total <= jets + 1e-6);  // a jet of one pixel has no tau21
      } else {
        CHECK(total == Approx(jets));  // pT and mass are finite for every jet, and the bins span both samples
      }
    }
  }
  // Real pixel pT: the 250-300 GeV W and QCD jets, trimmed and cut to the image (mean from the bin centres).
  const auto pt_edges = distributions.at("pt").at("edges").get<std::vector<double>>();
  const auto pt_real = distributions.at("pt").at("real").get<std::vector<double>>();
  double mean_pt = 0;
  for (std::size_t i = 0; i < pt_real.size(); ++i) mean_pt += pt_real[i] * (pt_edges[i] + pt_edges[i + 1]) / 2;
  INFO("mean real pixel pT " << mean_pt);
  CHECK(mean_pt > 200);
  CHECK(mean_pt < 310);
}

TEST_CASE("generate: a LAGAN run interrupted after epoch 1 of 3 resumes from last.pt and ends with the uninterrupted numbers") {
  const auto run = testing::test_run("generate_lagan.yaml", {"train.epochs=3"});
  const testing::ExperimentBench uninterrupted_bench;
  const auto uninterrupted = testing::run_experiment(uninterrupted_bench, run);

  const testing::ExperimentBench bench;
  REQUIRE(testing::run_until_interrupted(bench, run, 1));
  REQUIRE(std::filesystem::exists(bench.run_directory(run.hash) / "last.pt"));

  testing::InterruptAfterEpoch never(0);
  const auto resumed = testing::run_experiment(bench, run, never);
  CHECK(std::find(never.messages.begin(), never.messages.end(), "resuming from last.pt at epoch 1") !=
        never.messages.end());
  for (const auto* name : {"mass_distance", "pt_distance", "tau21_distance"}) {
    INFO(name);
    CHECK(testing::metric_per_epoch(resumed, "val", name).size() == 3);
    CHECK(testing::metric_per_epoch(resumed, "val", name) == testing::metric_per_epoch(uninterrupted, "val", name));
  }
  CHECK(final_metric(resumed, "test", "mass_distance") == final_metric(uninterrupted, "test", "mass_distance"));
  CHECK(final_metric(resumed, "train", "best_epoch") == final_metric(uninterrupted, "train", "best_epoch"));
  CHECK(testing::curve(resumed, "generation") == testing::curve(uninterrupted, "generation"));
  CHECK(testing::curve(resumed, "average_images") == testing::curve(uninterrupted, "average_images"));
  CHECK(testing::curve(resumed, "generation_distributions") ==
        testing::curve(uninterrupted, "generation_distributions"));
}

TEST_CASE("generate: last.pt of a network built for other image shapes is refused, naming the file") {
  const testing::ExperimentBench bench;
  const auto small = testing::test_run("generate_lagan.yaml", {"train.epochs=1"});
  testing::run_experiment(bench, small);
  const auto wider = testing::test_run("generate_lagan.yaml", {"train.epochs=1", "model.generator_map=12"});
  const auto directory = bench.run_directory(wider.hash);
  std::filesystem::create_directories(directory);
  std::filesystem::copy_file(bench.run_directory(small.hash) / "last.pt", directory / "last.pt");
  CHECK_THROWS_WITH(testing::run_experiment(bench, wider),
                    Catch::Matchers::Contains("last.pt") && Catch::Matchers::Contains("shape"));
}
