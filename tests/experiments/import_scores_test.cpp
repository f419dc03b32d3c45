// Imported scores: an "external tagger" whose scores are a known observable of the test jets (mass, -tau32) is
// stored as a run whose metrics equal those computed directly from the dataset, with predictions.h5 beside it.
#include "experiments/import_scores.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <fstream>

#include "toolkit/core/error.h"
#include "toolkit/core/sha256.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/data/predictions_file.h"
#include "toolkit/metrics/evaluate.h"

using namespace jetstudy;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::string kRecipe = "tests/experiments/recipes/import_scores.yaml";

// One row per value, as another framework would export them (the shortest form that reads back as the same number).
void write_csv(const std::filesystem::path& path, const std::string& header, const std::vector<float>& values) {
  std::ofstream file(path);
  file << "jet," << header << "\n";
  for (std::size_t i = 0; i < values.size(); ++i) file << fmt::format("{},{}\n", i, static_cast<double>(values[i]));
}

// numpy.save(path, values.astype('<f4')) for a 1-D array.
void write_npy(const std::filesystem::path& path, const std::vector<float>& values) {
  std::string header = fmt::format("{{'descr': '<f4', 'fortran_order': False, 'shape': ({},), }}", values.size());
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::ofstream file(path, std::ios::binary);
  file << "\x93NUMPY" << '\x01' << '\x00' << static_cast<char>(header.size() & 0xff)
       << static_cast<char>(header.size() >> 8) << header;
  file.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(float)));
}

struct ImportBench {
  core::TempDirectory directory{"import"};
  sched::ResultsLayout layout{directory.path()};
  store::Store store = store::Store::open(layout.database());
};

}  // namespace

TEST_CASE("import scores: the test jets' mass as a tagger gets the metrics computed directly, stored as a done run") {
  ImportBench bench;
  const auto imported = experiments::load_import_dataset(kRecipe, {}, bench.layout.cache());
  CHECK(imported.metrics ==
        std::vector<std::string>{"auc", "accuracy", "rejection@0.3", "rejection@0.5", "sic_max", "jsd@0.5"});
  const auto& test = imported.dataset.test;
  REQUIRE(test.size > 50);
  const auto& mass = test.observers.at("mass");
  const auto scores_file = bench.directory / "mass_tagger.csv";
  write_csv(scores_file, "mass", mass);

  const auto run = experiments::import_scores({"taggers", "mass cut", scores_file, "mass"}, imported, bench.layout,
                                              bench.store);
  const auto expected = metrics::evaluate(imported.metrics,
                                          metrics::evaluation_input(mass, test.labels, test.weights, test.observers));
  CHECK(run.metrics.at("auc") == expected.at("auc"));
  CHECK(run.metrics.at("rejection@0.5") == expected.at("rejection@0.5"));
  CHECK(run.metrics.at("sic_max") == expected.at("sic_max"));
  CHECK(run.metrics.at("jsd@0.5") == expected.at("jsd@0.5"));
  CHECK(run.metrics.at("auc") > 0.75);  // top jets are heavier than QCD jets
  CHECK(run.hash == experiments::imported_run_hash(core::sha256_file_hex(scores_file), imported.dataset.hash, "mass cut"));
  CHECK_FALSE(run.replaced);

  const auto record = bench.store.run(run.hash);
  REQUIRE(record);
  CHECK(record->status == store::RunStatus::done);
  CHECK(record->backend == "import");
  CHECK(record->config.at("experiment").at("kind") == "imported");
  CHECK(record->config.at("tagger") == "mass cut");
  CHECK(record->config.at("dataset") == imported.dataset.hash);
  CHECK(record->config.at("source") == std::filesystem::absolute(scores_file).string());
  const auto in_study = bench.store.runs_of_study("taggers");
  REQUIRE(in_study.size() == 1);
  CHECK(in_study.front().label == "mass cut");
  CHECK(in_study.front().point == nlohmann::json{{"tagger", "mass cut"}});
  std::map<std::string, double> stored;
  for (const auto& metric : bench.store.metrics_of_run(run.hash))
    if (metric.split == "test") stored[metric.name] = metric.value;
  CHECK(stored == run.metrics);
  CHECK(bench.store.curve(run.hash, "roc")->points.at("eps_s").size() > 2);

  CHECK(run.predictions == bench.layout.run_directory(run.hash) / "predictions.h5");
  const auto predictions = data::read_predictions_file(run.predictions);
  CHECK(predictions.dataset_hash == imported.dataset.hash);
  CHECK(predictions.scores == mass);
  CHECK(predictions.labels == test.labels);
  CHECK(predictions.observers.at("tau32") == test.observers.at("tau32"));
  const auto artifacts = bench.store.artifacts_of_run(run.hash);
  REQUIRE(artifacts.size() == 1);
  CHECK(artifacts.front().kind == "predictions");
  CHECK(artifacts.front().sha256 == core::sha256_file_hex(run.predictions));
}

TEST_CASE("import scores: -tau32 from an NPY on a dataset named by hash prefix gets the default metrics, a second "
          "import of the same file replaces the first") {
  ImportBench bench;
  const auto built = experiments::load_import_dataset(kRecipe, {}, bench.layout.cache());
  const auto by_hash = experiments::load_import_dataset(built.dataset.hash.substr(0, 12), {}, bench.layout.cache());
  CHECK(by_hash.dataset.hash == built.dataset.hash);
  CHECK(by_hash.metrics == experiments::default_import_metrics());
  const auto& test = by_hash.dataset.test;
  CHECK(test.labels == built.dataset.test.labels);

  std::vector<float> minus_tau32;
  for (const float tau32 : test.observers.at("tau32")) minus_tau32.push_back(-tau32);  // three-prong tops: small tau32
  const auto scores_file = bench.directory / "tau32.npy";
  write_npy(scores_file, minus_tau32);
  const auto first = experiments::import_scores({"taggers", "tau32", scores_file, ""}, by_hash, bench.layout, bench.store);
  const auto expected = metrics::evaluate(by_hash.metrics, metrics::evaluation_input(minus_tau32, test.labels, test.weights));
  CHECK(first.metrics.at("auc") == expected.at("auc"));
  CHECK(first.metrics.at("accuracy") == expected.at("accuracy"));
  CHECK(first.metrics.at("auc") > 0.6);

  const auto again = experiments::import_scores({"taggers", "tau32", scores_file, ""}, by_hash, bench.layout, bench.store);
  CHECK(again.replaced);
  CHECK(again.hash == first.hash);
  CHECK(again.metrics == first.metrics);
  CHECK(bench.store.runs_of_study("taggers").size() == 1);
  CHECK(bench.store.run(first.hash)->attempts == 2);
}

TEST_CASE("import scores: a count that is not the test split's names both counts and the split, an unknown hash "
          "lists the cached datasets") {
  ImportBench bench;
  const auto imported = experiments::load_import_dataset(kRecipe, {}, bench.layout.cache());
  const auto& dataset = imported.dataset;
  const auto scores_file = bench.directory / "train_scores.csv";
  write_csv(scores_file, "score", dataset.train.observers.at("mass"));
  const auto train_jets = dataset.train.size;
  CHECK_THROWS_WITH(
      experiments::import_scores({"taggers", "mass", scores_file, "score"}, imported, bench.layout, bench.store),
      fmt::format("{}: {} scores, but the test split of dataset {} has {} jets ({} is the size of the train split; "
                  "scores must be for the test split); give one score per test jet, in the dataset's order",
                  scores_file.string(), train_jets, dataset.hash.substr(0, 12), dataset.test.size, train_jets));
  CHECK(bench.store.studies().empty());  // nothing half-stored

  REQUIRE_THROWS_AS(experiments::load_import_dataset("ffff", {}, bench.layout.cache()), core::InputError);
  CHECK_THROWS_WITH(experiments::load_import_dataset("ffff", {}, bench.layout.cache()),
                    StartsWith("'ffff' is neither a recipe file nor a dataset in ") &&
                        Contains("(cached datasets: " + dataset.hash.substr(0, 12) + ")"));
}
