#include "toolkit/data/dataset_file_summary.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/data/dataset_summary.h"
#include "toolkit/data/predictions_file.h"
#include "toolkit/events/event_file.h"
#include "toolkit/events/jetimages_reader.h"
#include "toolkit/events/toptag_reader.h"

// Fixtures: tests/fixtures/events/make_fixtures.py. Top-tagging row i: is_signal_new = i % 2,
// ttv = (0, 0, 0, 1, 2)[i % 5], so of 50 rows 30 are train, 10 test, 10 val, half of each signal.

using namespace jetstudy;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const char* const kFixed = "tests/fixtures/events/toptag_fixed.h5";
const char* const kTable = "tests/fixtures/events/toptag_table.h5";
const char* const kJetImages = "tests/fixtures/events/jetimages.h5";

// Per class (0 QCD, 1 top) the pT, mass and constituent count of every row's constituents summed, computed
// here from the reader's four-vectors.
struct Kinematics {
  std::vector<float> pt[2], mass[2], count[2];
};

Kinematics sums_of_rows(const char* file) {
  Kinematics out;
  events::TopTagReader reader(file);
  while (const auto jet = reader.next_jet()) {
    double px = 0, py = 0, pz = 0, e = 0;
    for (const auto& p : jet->constituents.particles) {
      px += p.px;
      py += p.py;
      pz += p.pz;
      e += p.e;
    }
    out.pt[jet->label].push_back(static_cast<float>(std::hypot(px, py)));
    out.mass[jet->label].push_back(static_cast<float>(std::sqrt(std::max(0.0, e * e - px * px - py * py - pz * pz))));
    out.count[jet->label].push_back(static_cast<float>(jet->constituents.particles.size()));
  }
  return out;
}

// A copy of the fixed-layout fixture in `dir` whose `column` holds `value` in `row` (pandas keeps the float
// columns in block 0 and ttv, is_signal_new in block 1, each named in its block<k>_items).
std::filesystem::path edited_copy(const core::TempDirectory& dir, const std::string& column, hsize_t row, double value) {
  namespace h5 = core::hdf5;
  const auto path = dir / ("edited_" + column + ".h5");
  std::filesystem::copy_file(kFixed, path);
  h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
  for (const std::string block : {"table/block0", "table/block1"}) {
    const auto names = h5::read_strings(file.get(), block + "_items", path, block + "_items");
    const auto at = std::find(names.begin(), names.end(), column);
    if (at == names.end()) continue;
    h5::Handle values(H5Dopen2(file.get(), (block + "_values").c_str(), H5P_DEFAULT), H5Dclose);
    const auto dims = h5::dataset_dims(values.get());
    std::vector<double> all(dims[0] * dims[1]);
    REQUIRE(H5Dread(values.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, all.data()) >= 0);
    all[row * dims[1] + static_cast<hsize_t>(at - names.begin())] = value;
    REQUIRE(H5Dwrite(values.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, all.data()) >= 0);
    return path;
  }
  FAIL("no column " << column);
  return path;
}

double median_of(const nlohmann::json& summary, const char* observable, const char* jets) {
  return summary["observables"][observable][jets]["q50"].get<double>();
}

}  // namespace

TEST_CASE("dataset file summary: a top-tagging file has its ttv splits and labels, both pandas layouts alike") {
  const auto summary = data::summarize_dataset_file(kFixed);
  CHECK(summary["kind"] == "top-tagging");
  CHECK(summary["layout"] == "fixed");
  CHECK(summary["file"] == kFixed);
  CHECK(summary["classes"] == nlohmann::json({"background", "signal"}));
  for (const auto& [split, jets] : {std::pair{"train", 30}, {"val", 10}, {"test", 10}}) {
    CHECK(summary["splits"][split]["jets"] == jets);
    CHECK(summary["splits"][split]["signal"] == jets / 2);
  }
  const auto table = data::summarize_dataset_file(kTable);
  CHECK(table["layout"] == "table");
  CHECK(table["splits"] == summary["splits"]);
  CHECK(table["observables"] == summary["observables"]);

  // Row 0 (QCD) moved from train to test: each ttv code lands in its own split.
  core::TempDirectory dir("file_summary");
  const auto moved = data::summarize_dataset_file(edited_copy(dir, "ttv", 0, 1));
  CHECK(moved["splits"]["train"]["jets"] == 29);
  CHECK(moved["splits"]["test"]["jets"] == 11);
  CHECK(moved["splits"]["test"]["background"] == 6);
  CHECK(moved["splits"]["val"]["jets"] == 10);
}

TEST_CASE("dataset file summary: a top-tagging row's observables are those of its constituents as one jet") {
  const auto summary = data::summarize_dataset_file(kFixed);
  std::vector<std::string> observables;
  for (const auto& [name, quantiles] : summary["observables"].items()) observables.push_back(name);
  CHECK(observables == std::vector<std::string>{"mass", "nconst", "pt", "tau21", "tau32"});
  const Kinematics rows = sums_of_rows(kFixed);
  for (const auto& [label, jets] : {std::pair{0, "background"}, {1, "signal"}}) {
    for (const double q : {0.1, 0.5, 0.9}) {
      const std::string key = q == 0.1 ? "q10" : q == 0.5 ? "q50" : "q90";
      CHECK(summary["observables"]["pt"][jets][key].get<double>() == Approx(data::quantile(rows.pt[label], q)));
      CHECK(summary["observables"]["mass"][jets][key].get<double>() == Approx(data::quantile(rows.mass[label], q)));
      CHECK(summary["observables"]["nconst"][jets][key].get<double>() == data::quantile(rows.count[label], q));
    }
  }
  // The fixture's tops are three prongs, its QCD jets one: N-subjettiness says so.
  CHECK(median_of(summary, "tau32", "signal") < median_of(summary, "tau32", "background"));
  CHECK(median_of(summary, "tau21", "signal") < median_of(summary, "tau21", "background") - 0.1);
}

TEST_CASE("dataset file summary: a jet-images file is one split with the file's own observers") {
  const auto summary = data::summarize_dataset_file(kJetImages);
  CHECK(summary["kind"] == "jet-images");
  CHECK(summary["image_shape"] == nlohmann::json({1, 25, 25}));
  CHECK(summary["splits"].size() == 1);
  CHECK(summary["splits"]["all"]["jets"] == 40);
  CHECK(summary["splits"]["all"]["signal"] == 20);
  // No constituent count: the file holds images, not constituents.
  CHECK_FALSE(summary["observables"].contains("nconst"));
  const auto file = events::read_jet_images(kJetImages);
  for (const auto& [name, key] : {std::pair{"mass", "jet_mass"}, {"pt", "jet_pt"}, {"tau21", "tau_21"},
                                  {"tau32", "tau_32"}}) {
    std::vector<float> signal;
    for (std::size_t i = 0; i < file.size(); ++i) {
      if (file.labels[i] > 0.5f) signal.push_back(file.observers.at(key)[i]);
    }
    CHECK(median_of(summary, name, "signal") == data::quantile(signal, 0.5));
  }
}

TEST_CASE("dataset file summary: a file that holds no labelled jets is refused, saying what it is") {
  core::TempDirectory dir("file_summary");
  const auto events_file = dir / "events.h5";
  {
    events::EventFileWriter writer(events_file);
    writer.append(events::Event{});
    writer.close();
  }
  CHECK_THROWS_WITH(data::summarize_dataset_file(events_file),
                    StartsWith(events_file.string() + ": a file of jetstudy's format 'jetstudy-events'") &&
                        Contains("`jetstudy jets FILE`"));
  CHECK_THROWS_WITH(data::summarize_dataset_file("tests/fixtures/events/tiny_events.hepmc"),
                    StartsWith("tests/fixtures/events/tiny_events.hepmc: not an HDF5 file. dataset inspect reads"));
  CHECK_THROWS_WITH(data::summarize_dataset_file(dir / "missing.h5"), Contains("does the file exist?"));
  // Predictions carry format_version like a dataset, but no hash.
  const auto predictions = dir / "predictions.h5";
  data::write_predictions_file(predictions, {"abc", {0.5f}, {1.0f}, {}});
  CHECK_THROWS_WITH(data::summarize_dataset_file(predictions),
                    StartsWith(predictions.string() + ": an HDF5 file of none of the kinds dataset inspect reads"));
  CHECK_THROWS_AS(data::summarize_dataset_file(predictions), core::InputError);
}

TEST_CASE("dataset file summary: a NaN constituent in a top-tagging row names the file and the row") {
  core::TempDirectory dir("file_summary");
  const auto path = edited_copy(dir, "E_0", 4, std::nan(""));  // row 4's first constituent's energy
  CHECK_THROWS_WITH(data::summarize_dataset_file(path),
                    StartsWith(path.string() + ": event 4, particle 0: momentum") && Contains("is not finite"));
}
