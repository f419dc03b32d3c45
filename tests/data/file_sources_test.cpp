#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <numeric>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/core/error.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_cache.h"

using namespace jetstudy::data;
using jetstudy::data::testing::ProgressLines;
using jetstudy::core::TempDirectory;
using jetstudy::data::testing::small_config;

namespace {

const std::string kFixtures = std::string(JETSTUDY_SOURCE_DIR) + "/tests/fixtures/events/";

nlohmann::json with_source(nlohmann::json source) {
  auto config = small_config();
  config["data"]["source"] = std::move(source);
  config["data"]["jets"] = {{"algorithm", "antikt"}, {"R", 0.8}};
  config["data"]["select"] = nlohmann::json::object();
  return config;
}

std::int64_t ones(const std::vector<float>& labels) { return std::count(labels.begin(), labels.end(), 1.0f); }

// A FastJet-style text event: `n` particles of pT `pt` spread in a 0.1 x 0.1 patch around (eta 0, phi phi0).
void write_event(std::ofstream& out, double pt, double phi0, int n) {
  for (int i = 0; i < n; ++i) {
    const double phi = phi0 + 0.1 * i / n, eta = 0.05 * i / n, p = pt / n;
    out << p * std::cos(phi) << ' ' << p * std::sin(phi) << ' ' << p * std::sinh(eta) << ' ' << p * std::cosh(eta) << '\n';
  }
  out << "#END\n";
}

}  // namespace

TEST_CASE("toptag_h5: one file splits by its ttv column, labels from is_signal_new") {
  const auto spec = dataset_spec_from_json(with_source({{"kind", "toptag_h5"}, {"file", kFixtures + "toptag_fixed.h5"}}));
  REQUIRE(spec.split.by_source);
  const auto built = build_dataset(spec);
  // Fixture rows: ttv = (0, 0, 0, 1, 2)[i % 5] -> 30 train, 10 test, 10 val; is_signal_new = i % 2.
  REQUIRE(built.train.size == 30);
  REQUIRE(built.val.size == 10);
  REQUIRE(built.test.size == 10);
  REQUIRE(ones(built.train.labels) == 15);
  REQUIRE(ones(built.val.labels) == 5);
  // Jets are 550-650 GeV (QCD ones with wide-angle radiation, partly outside R = 0.8): pt is the clustered jet's.
  for (const float pt : built.train.observers.at("pt")) {
    CAPTURE(pt);
    REQUIRE((pt > 250 && pt < 700));
  }
  REQUIRE(built.counts["selection"]["signal"]["events"] == 25);
  REQUIRE(built.counts["skipped"]["zero_pt"] == 0);
}

TEST_CASE("toptag_h5: train/val/test files and a limit per split, and a missing file names the current directory") {
  const auto file = kFixtures + "toptag_table.h5";
  auto source = nlohmann::json{{"kind", "toptag_h5"}, {"train", file}, {"val", file}, {"test", file}, {"limit", 20}};
  const auto built = build_dataset(dataset_spec_from_json(with_source(source)));
  REQUIRE(built.train.size == 20);
  REQUIRE(built.test.size == 20);
  REQUIRE(built.train.labels == built.test.labels);  // the same first 20 rows

  source["val"] = "no/such/val.h5";
  REQUIRE_THROWS_WITH(dataset_spec_from_json(with_source(source)),
                      Catch::Matchers::Contains("data.source.val: file 'no/such/val.h5' not found") &&
                          Catch::Matchers::Contains("current directory"));
}

TEST_CASE("hepmc3: signal and background files become one shuffled dataset split by fraction, with empty events counted") {
  const TempDirectory dir("hepmc");
  const auto signal = dir.path() / "signal.dat", background = dir.path() / "background.dat";
  {
    std::ofstream out(signal);
    for (int i = 0; i < 30; ++i) write_event(out, 500 + i, 0.1 * i, 6);
    out << "0 0 100 100\n#END\n";  // along the beam: no jet inside |eta| < 10
  }
  {
    std::ofstream out(background);
    for (int i = 0; i < 20; ++i) write_event(out, 400 + i, -0.1 * i, 3);
  }
  auto config = with_source({{"kind", "hepmc3"}, {"signal", {signal.string()}}, {"background", {background.string()}}});
  config["data"]["split"] = {{"train", 0.6}, {"val", 0.2}, {"test", 0.2}};
  const auto built = build_dataset(dataset_spec_from_json(config));
  REQUIRE(built.train.size + built.val.size + built.test.size == 50);
  REQUIRE(built.train.size == 30);
  REQUIRE(ones(built.train.labels) + ones(built.val.labels) + ones(built.test.labels) == 30);
  REQUIRE(built.counts["skipped"]["no_jet"] == 1);
  REQUIRE(built.counts["selection"]["signal"]["events"] == 31);
  REQUIRE(built.counts["selection"]["signal"]["jets"] == 30);
  // Shuffled: the training split is not just the signal file's first 30 events.
  REQUIRE(ones(built.train.labels) < 30);

  config["data"]["split"]["by"] = "source";
  REQUIRE_THROWS_WITH(dataset_spec_from_json(config), Catch::Matchers::Contains("data.split.by: 'source'"));
}

TEST_CASE("hepmc3: pile-up from minimum-bias files is overlaid with the given mu") {
  const auto shared = std::string(JETSTUDY_SHARED_DATA) + "/hepmc3/";
  auto source = nlohmann::json{{"kind", "hepmc3"},
                               {"signal", {shared + "sk_example_HS.hepmc.zst"}},
                               {"background", {shared + "sk_example_HS.hepmc.zst"}}};
  const auto quiet = build_dataset(dataset_spec_from_json(with_source(source)));
  source["pileup"] = {{"files", {shared + "sk_example_PU.hepmc.zst"}}, {"mu", 3}};
  const auto piled = build_dataset(dataset_spec_from_json(with_source(source)));
  REQUIRE(quiet.train.size + quiet.val.size + quiet.test.size == 50);
  const auto sum = [](const Split& split) {
    return std::accumulate(split.images.begin(), split.images.end(), 0.0);
  };
  // Pile-up adds soft particles inside the leading jets: more pT in the images.
  REQUIRE(sum(piled.train) + sum(piled.val) + sum(piled.test) > sum(quiet.train) + sum(quiet.val) + sum(quiet.test));
}

TEST_CASE("dataset: an extent too small for the jets warns with the share of pT lost") {
  auto config = small_config(20);
  config["images"]["extent"] = {{-0.2, 0.2}, {-0.2, 0.2}};
  ProgressLines progress;
  const auto built = build_dataset(dataset_spec_from_json(config), progress.callback());
  const double lost = built.counts["mean_dropped_pt_fraction"];
  REQUIRE(lost > 0.01);
  REQUIRE(progress.any_contains("warning:"));
  REQUIRE(progress.any_contains(fmt::format("loses {:.1f}% of the jet pT", 100 * lost)));
  REQUIRE(progress.any_contains("R = 1.5"));
}
