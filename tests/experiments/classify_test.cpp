// classify on tiny generated top-vs-QCD datasets: image, feature and likelihood taggers, K classes, two streams.
#include <catch2/catch.hpp>

#include "experiments/classify.h"
#include "tests/experiments/run_experiment.h"
#include "toolkit/data/dataset_file.h"

using namespace jetstudy;
using testing::final_metric;
using Catch::Matchers::Contains;

TEST_CASE("classify: DeepTop learns top vs QCD and keeps curves, interpretability maps and checkpoints") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("classify_deeptop.yaml");
  const auto outcome = testing::run_experiment(bench, run);
  CHECK(final_metric(outcome, "test", "auc") > 0.7);
  CHECK(final_metric(outcome, "test", "rejection@0.3") > 1);
  CHECK(final_metric(outcome, "model", "parameters") > 0);
  const double ece = final_metric(outcome, "test", "ece");
  CHECK((ece >= 0 && ece <= 1));
  CHECK(testing::metric_per_epoch(outcome, "val", "auc").size() == 3);
  for (const auto* name : {"roc", "learning", "image_maps", "filters", "calibration", "pt_bins", "beyond_observables"})
    CHECK_NOTHROW(testing::curve(outcome, name));
  // A 16x16 single-channel map per average, and 4 first-layer filters of 1x3x3.
  CHECK(testing::curve(outcome, "image_maps").at("difference").size() == 256);
  CHECK(testing::curve(outcome, "filters").at("shape") == nlohmann::json({4, 1, 3, 3}));
  // For top jets tau32 separates better than tau21, so the "beyond" test reweights in mass and tau32.
  CHECK(testing::curve(outcome, "beyond_observables").at("observables") == nlohmann::json({"mass", "tau32"}));
  CHECK(final_metric(outcome, "test", "auc_beyond_mass_tau32") < final_metric(outcome, "test", "auc"));
  CHECK(std::filesystem::exists(bench.run_directory(run.hash) / "best.pt"));
  CHECK(std::filesystem::exists(bench.run_directory(run.hash) / "predictions.h5"));
}

TEST_CASE("classify: training streams the training images from the cache and never holds them, and reruns agree") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("classify_deeptop.yaml");
  const auto read_before = data::training_images_read();
  const auto first = testing::run_experiment(bench, run);  // builds the dataset, then releases the training images
  // A second run of the same recipe in a fresh run directory, reading the dataset from the cache.
  sched::QuietStatus quiet;
  const sched::RunProgress progress{};
  const auto again_directory = bench.directory.path() / "again";
  std::filesystem::create_directories(again_directory);
  const auto again = experiments::run_classify({run, bench.cache(), again_directory, quiet, progress});
  CHECK(data::training_images_read() == read_before);  // neither run read training images into memory
  for (const auto* name : {"auc", "rejection@0.3", "loss"})
    CHECK(final_metric(again, "test", name) == final_metric(first, "test", name));
  CHECK(testing::metric_per_epoch(again, "train", "loss") == testing::metric_per_epoch(first, "train", "loss"));
  CHECK(testing::metric_per_epoch(first, "train", "loss").size() == 3);
}

TEST_CASE("classify: the (mass, tau32) likelihood-ratio baseline is fitted without gradients and beats chance") {
  const testing::ExperimentBench bench;
  const auto outcome = testing::run_experiment(bench, testing::test_run("classify_likelihood.yaml"));
  CHECK(final_metric(outcome, "test", "auc") > 0.7);
  CHECK(final_metric(outcome, "model", "parameters") == 0);
  CHECK(final_metric(outcome, "train", "best_epoch") == 1);
}

TEST_CASE("classify: a dense network on (mass, tau32) standardises its inputs itself and learns") {
  const testing::ExperimentBench bench;
  const auto outcome = testing::run_experiment(bench, testing::test_run("classify_dense.yaml"));
  CHECK(final_metric(outcome, "test", "auc") > 0.7);
}

TEST_CASE("classify: three classes train with cross_entropy and give accuracy, per-class AUC and a confusion matrix") {
  const testing::ExperimentBench bench;
  const auto outcome = testing::run_experiment(bench, testing::test_run("classify_three_classes.yaml"));
  CHECK(final_metric(outcome, "test", "accuracy") > 0.4);  // chance is 1/3
  CHECK(final_metric(outcome, "test", "auc_top") > 0.6);
  const auto& confusion = testing::curve(outcome, "confusion");
  CHECK(confusion.at("classes") == nlohmann::json({"qcd", "w", "top"}));
  CHECK(confusion.at("matrix").size() == 3);
}

TEST_CASE("classify: bce on a three-class dataset is refused, naming cross_entropy") {
  const testing::ExperimentBench bench;
  REQUIRE_THROWS_WITH(testing::run_experiment(bench, testing::test_run("classify_three_classes.yaml", {"loss=bce"})),
                      Contains("3 classes") && Contains("cross_entropy"));
}

TEST_CASE("classify: an autoencoder is not a classifier, and the message names the architectures that are") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("anomaly_conv_ae.yaml", {"experiment=classify", "loss=bce"});
  REQUIRE_THROWS_WITH(testing::run_experiment(bench, run),
                      Contains("classify experiment trains a scorer network") && Contains("deeptop") &&
                          Contains("'conv_ae' is a autoencoder"));
}

TEST_CASE("classify: a two-stream network reads jet and event images and reports its output against a phi rotation") {
  const testing::ExperimentBench bench;
  const auto outcome = testing::run_experiment(bench, testing::test_run("classify_two_stream.yaml"));
  CHECK(final_metric(outcome, "test", "auc") > 0.6);
  const auto& phi_shift = testing::curve(outcome, "phi_shift");
  CHECK(phi_shift.at("shift_pixels").size() == phi_shift.at("mean_logit").size());
  CHECK(phi_shift.at("shift_pixels").size() >= 8);
}
