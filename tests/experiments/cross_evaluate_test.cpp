// Cross-evaluation: a trained run scored on another dataset (more pile-up, another seed, other classes).
#include "experiments/cross_evaluate.h"

#include <torch/torch.h>

#include <algorithm>
#include <vector>

#include "tests/experiments/run_experiment.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/losses/reconstruction.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/models/builtin.h"
#include "toolkit/train/checkpoint.h"
#include "toolkit/train/examples.h"
#include "toolkit/train/trainer.h"

// After the torch headers: glog (through c10) defines a CHECK of its own that must not replace Catch's.
#include <catch2/catch.hpp>

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

TEST_CASE("cross evaluate: a three-class run is scored on another three-class dataset with accuracy, per-class AUC and a confusion matrix") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("classify_three_classes.yaml");
  const auto own = testing::run_experiment(bench, run);
  const auto other = testing::test_run("classify_three_classes.yaml", {"data.source.seed=7"});
  const auto evaluation = experiments::cross_evaluate(run.hash, run.config, bench.run_directory(run.hash) / "best.pt",
                                                      other.config, bench.cache(), "seed 7", [](const std::string&) {});
  const auto dataset = data::build_or_load_dataset(other.config, bench.cache(), {});
  CHECK(evaluation.dataset_hash == dataset.hash);
  CHECK(evaluation.dataset_hash != data::build_or_load_dataset(run.config, bench.cache(), {}).hash);

  const double accuracy = evaluation.metrics.at("accuracy").get<double>();
  INFO("accuracy " << accuracy << " on its own test split " << testing::final_metric(own, "test", "accuracy"));
  CHECK(accuracy > 1.0 / 3);  // better than guessing among three
  CHECK(accuracy <= 1);
  for (const auto* name : {"auc_qcd", "auc_w", "auc_top"}) {
    INFO(name);
    const double auc = evaluation.metrics.at(name).get<double>();
    CHECK((auc > 0.5 && auc <= 1));
  }
  CHECK_FALSE(evaluation.metrics.contains("auc"));
  CHECK_FALSE(evaluation.curves.contains("roc"));

  // The confusion matrix counts every test jet of the other dataset once, by its true and predicted class.
  const auto& confusion = evaluation.curves.at("confusion");
  CHECK(confusion.at("classes") == nlohmann::json({"qcd", "w", "top"}));
  const auto matrix = confusion.at("matrix").get<std::vector<std::vector<double>>>();
  REQUIRE(matrix.size() == 3);
  double total = 0, diagonal = 0;
  for (std::size_t t = 0; t < 3; ++t) {
    REQUIRE(matrix[t].size() == 3);
    double row = 0;
    for (const double n : matrix[t]) row += n;
    CHECK(row == static_cast<double>(std::count(dataset.test.labels.begin(), dataset.test.labels.end(),
                                                static_cast<float>(t))));
    total += row;
    diagonal += matrix[t][t];
  }
  CHECK(total == static_cast<double>(dataset.test.labels.size()));
  CHECK(accuracy == Approx(diagonal / total));
}

TEST_CASE("cross evaluate: a three-class run on a dataset of other classes is refused naming both class lists") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("classify_three_classes.yaml", {"train.epochs=1"});
  testing::run_experiment(bench, run);
  const auto other = testing::test_run("classify_three_classes.yaml", {"data.source.classes=[qcd, w, z]"});
  REQUIRE_THROWS_AS(experiments::cross_evaluate(run.hash, run.config, bench.run_directory(run.hash) / "best.pt",
                                                other.config, bench.cache(), "z", [](const std::string&) {}),
                    core::InputError);
  REQUIRE_THROWS_WITH(experiments::cross_evaluate(run.hash, run.config, bench.run_directory(run.hash) / "best.pt",
                                                  other.config, bench.cache(), "z", [](const std::string&) {}),
                      Contains("trained on the classes [qcd, w, top] but the other dataset has [qcd, w, z]"));
  // A binary dataset is another set of classes too.
  const auto binary = testing::test_run("pileup_base_other.yaml");
  REQUIRE_THROWS_WITH(experiments::cross_evaluate(run.hash, run.config, bench.run_directory(run.hash) / "best.pt",
                                                  binary.config, bench.cache(), "binary", [](const std::string&) {}),
                      Contains("[qcd, w, top] but the other dataset has [background, signal]"));
}

TEST_CASE("cross evaluate: an autoencoder's anomaly AUC on another dataset is that of its reconstruction errors there") {
  const testing::ExperimentBench bench;
  const auto run = testing::test_run("anomaly_dense_ae.yaml", {"train.epochs=3", "data.source.jets=800"});
  testing::run_experiment(bench, run);
  const auto other = testing::test_run("anomaly_dense_ae.yaml", {"data.source.jets=800", "data.source.seed=9"});
  const auto evaluation = experiments::cross_evaluate(run.hash, run.config, bench.run_directory(run.hash) / "best.pt",
                                                      other.config, bench.cache(), "seed 9", [](const std::string&) {});

  // Directly: the run's best network reconstructs the other test split; the error ranks top (label 1) against QCD.
  auto dataset = data::build_or_load_dataset(other.config, bench.cache(), {});
  CHECK(evaluation.dataset_hash == dataset.hash);
  const auto test = train::view_examples(dataset.test, dataset.shape, dataset.event_shape);
  models::InputSpec input;
  input.channels = dataset.shape.channels;
  input.height = dataset.shape.height;
  input.width = dataset.shape.width;
  auto network = models::make_architecture(run.config.at("model"), input);
  train::load_checkpoint(*network, bench.run_directory(run.hash) / "best.pt");
  const auto errors = losses::reconstruction_error(train::predict(*network, test, torch::kCPU), test.images,
                                                   run.config.at("loss").at("pixel_weight_power").get<double>())
                          .contiguous();
  const std::vector<float> scores(errors.data_ptr<float>(), errors.data_ptr<float>() + errors.numel());
  const double direct = metrics::auc(metrics::roc_curve(scores, dataset.test.labels, dataset.test.weights));
  INFO("direct AUC " << direct);
  CHECK(direct > 0.5);
  CHECK(evaluation.metrics.at("auc").get<double>() == Approx(direct).epsilon(1e-9));
  CHECK(evaluation.metrics.contains("rejection@0.3"));
  CHECK(evaluation.metrics.contains("rejection@0.5"));
  CHECK(evaluation.curves.at("roc").at("eps_s").size() > 2);
}

TEST_CASE("cross evaluate: a generate run is refused: a GAN is judged by what it generates") {
  const auto run = testing::test_run("generate_lagan.yaml");
  const testing::ExperimentBench bench;
  REQUIRE_THROWS_WITH(experiments::cross_evaluate(run.hash, run.config, bench.run_directory(run.hash) / "best.pt",
                                                  testing::test_run("pileup_base_other.yaml").config, bench.cache(),
                                                  "other", [](const std::string&) {}),
                      Contains("is a generate run: a GAN is judged by the jets it generates"));
}
