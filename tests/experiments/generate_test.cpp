// generate: a miniature LAGAN on W vs QCD jets, judged by observables recomputed from its pixels.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tests/experiments/run_experiment.h"
#include "toolkit/sched/rung_verdict.h"

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

namespace {

// Plays the coordinator's part of ASHA in the run directory (docs/scheduler.md "Sweeps and ASHA"): records the values
// each epoch reports and, after epoch `stop_after` (0: never), creates stop-requested as the coordinator does when
// ASHA says stop.
class CoordinatorStand : public sched::QuietStatus {
 public:
  CoordinatorStand(std::filesystem::path run_directory, int stop_after)
      : run_directory_(std::move(run_directory)), stop_after_(stop_after) {}
  void epoch_finished(const sched::RunProgress&, int epoch, int, const std::map<std::string, double>& values) override {
    reports[epoch] = values;
    if (epoch == stop_after_) std::ofstream(run_directory_ / "stop-requested") << "epoch " << epoch << "\n";
  }
  void message(const sched::RunProgress&, const std::string& text) override { messages.push_back(text); }
  std::map<int, std::map<std::string, double>> reports;
  std::vector<std::string> messages;

 private:
  std::filesystem::path run_directory_;
  int stop_after_;
};

}  // namespace

TEST_CASE("generate: a LAGAN run the scheduler stops after epoch 1 of 3 ends done with its best generator's numbers and train/stopped_at_epoch") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("generate_lagan.yaml", {"train.epochs=3"});
  CoordinatorStand coordinator(bench.run_directory(run.hash), 1);
  const auto outcome = testing::run_experiment(bench, run, coordinator);

  // Exactly one epoch trained and reported, under the names a sweep's ASHA monitors (val_<metric>).
  REQUIRE(coordinator.reports.size() == 1);
  const auto& reported = coordinator.reports.at(1);
  for (const auto* name : {"val_mass_distance", "val_pt_distance", "val_tau21_distance", "d_loss", "g_loss"}) {
    INFO(name);
    CHECK(reported.count(name) == 1);
  }
  const auto mass = testing::metric_per_epoch(outcome, "val", "mass_distance");
  REQUIRE(mass.size() == 1);
  CHECK(reported.at("val_mass_distance") == mass[0]);
  CHECK(testing::curve(outcome, "generation").at("epoch").size() == 1);

  CHECK(final_metric(outcome, "train", "stopped_at_epoch") == 1);
  CHECK(final_metric(outcome, "train", "best_epoch") == 1);
  CHECK(final_metric(outcome, "test", "mass_distance") == mass[0]);
  CHECK(testing::curve(outcome, "generation_distributions").at("epoch") == 1);
  CHECK(testing::curve(outcome, "average_images").at("generated_signal").at("pixels").size() == 256);
  CHECK(std::find(coordinator.messages.begin(), coordinator.messages.end(),
                  "stopped after epoch 1 on the scheduler's request (ASHA)") != coordinator.messages.end());
}

TEST_CASE("generate: a LAGAN run whose ASHA verdicts say go on at every rung trains all its epochs, with no stopped_at_epoch") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("generate_lagan.yaml", {"train.epochs=3"});
  const auto directory = bench.run_directory(run.hash);
  std::filesystem::create_directories(directory);
  // The coordinator's plan and its verdicts at rungs 1 and 2, written before the run as a fast coordinator would: the
  // run waits for each verdict at its rung, finds it, and goes on.
  sched::write_rung_plan(directory / sched::kAshaFileName, {{1, 2}, "val_mass_distance"});
  for (const int rung : {1, 2}) sched::write_rung_verdict(directory / sched::rung_decision_name(rung), false);
  CoordinatorStand coordinator(directory, 0);
  const auto outcome = testing::run_experiment(bench, run, coordinator);

  CHECK(coordinator.reports.size() == 3);
  CHECK(testing::metric_per_epoch(outcome, "val", "mass_distance").size() == 3);
  CHECK_THROWS_WITH(final_metric(outcome, "train", "stopped_at_epoch"), Catch::Matchers::Contains("no final metric"));
}

TEST_CASE("generate: a LAGAN run whose verdict at rung 2 says stop trains 2 of 3 epochs, and its resumed run trains no more") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("generate_lagan.yaml", {"train.epochs=3"});
  const auto directory = bench.run_directory(run.hash);
  std::filesystem::create_directories(directory);
  sched::write_rung_plan(directory / sched::kAshaFileName, {{2}, "val_mass_distance"});
  sched::write_rung_verdict(directory / sched::rung_decision_name(2), true);
  const auto stopped = testing::run_experiment(bench, run);
  CHECK(testing::metric_per_epoch(stopped, "val", "mass_distance").size() == 2);
  CHECK(final_metric(stopped, "train", "stopped_at_epoch") == 2);

  // Run again from its last.pt (as a retried worker would): asked before training on, it stops where it was.
  CoordinatorStand coordinator(directory, 0);
  const auto resumed = testing::run_experiment(bench, run, coordinator);
  CHECK(coordinator.reports.empty());
  CHECK(testing::metric_per_epoch(resumed, "val", "mass_distance") ==
        testing::metric_per_epoch(stopped, "val", "mass_distance"));
  CHECK(final_metric(resumed, "train", "stopped_at_epoch") == 2);
  CHECK(final_metric(resumed, "test", "mass_distance") == final_metric(stopped, "test", "mass_distance"));
}
