#include "toolkit/events/toptag_reader.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/core/temp_directory.h"

// Fixtures: tests/fixtures/events/make_fixtures.py writes the same 50 jets with pandas in both layouts.
// Row i: is_signal_new = i % 2, ttv = (0, 0, 0, 1, 2)[i % 5].

namespace {

using jetstudy::events::PandasLayout;
using jetstudy::events::TopTagJet;
using jetstudy::events::TopTagReader;

const char* const kFixed = "tests/fixtures/events/toptag_fixed.h5";
const char* const kTable = "tests/fixtures/events/toptag_table.h5";

std::vector<TopTagJet> read_all(TopTagReader& reader) {
  std::vector<TopTagJet> jets;
  while (auto jet = reader.next_jet()) jets.push_back(std::move(*jet));
  return jets;
}

}  // namespace

TEST_CASE("toptag reader: the pandas fixed and table layouts of the same jets read identically") {
  TopTagReader fixed(kFixed, std::nullopt, 7);  // small chunks: several reads, a partial last one
  TopTagReader table(kTable, std::nullopt, 16);
  CHECK(fixed.layout() == PandasLayout::kFixed);
  CHECK(table.layout() == PandasLayout::kTable);
  CHECK(fixed.rows() == 50);
  CHECK(table.rows() == 50);
  const auto a = read_all(fixed);
  const auto b = read_all(table);
  REQUIRE(a.size() == 50);
  REQUIRE(b.size() == 50);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].constituents.number == i);
    CHECK(a[i].label == b[i].label);
    CHECK(a[i].ttv == b[i].ttv);
    CHECK(a[i].truth == b[i].truth);
    REQUIRE(a[i].constituents.particles.size() == b[i].constituents.particles.size());
    for (std::size_t k = 0; k < a[i].constituents.particles.size(); ++k) {
      CHECK(a[i].constituents.particles[k].px == b[i].constituents.particles[k].px);
      CHECK(a[i].constituents.particles[k].e == b[i].constituents.particles[k].e);
    }
  }
}

TEST_CASE("toptag reader: labels, splits, truth and massless non-zero constituents are as written") {
  TopTagReader reader(kFixed);
  int per_ttv[3] = {0, 0, 0};
  int signal = 0;
  std::size_t row = 0;
  while (const auto jet = reader.next_jet()) {
    CHECK(jet->label == static_cast<int>(row % 2));
    CHECK(jet->ttv == std::array<int, 5>{0, 0, 0, 1, 2}[row % 5]);
    ++per_ttv[jet->ttv];
    signal += jet->label;
    const auto& particles = jet->constituents.particles;
    REQUIRE(!particles.empty());
    CHECK(particles.size() < 200);  // zero padding dropped
    double px = 0, py = 0;
    for (const auto& p : particles) {
      CHECK(p.e > 0);
      CHECK(p.e == Approx(std::sqrt(p.px * p.px + p.py * p.py + p.pz * p.pz)).epsilon(1e-5));  // massless
      px += p.px;
      py += p.py;
    }
    const double pt = std::hypot(px, py);
    CHECK(pt > 500);  // jets of 550-650 GeV
    CHECK(pt < 700);
    if (jet->label == 1) {  // the top's four-vector: m = 173 GeV
      const auto& t = jet->truth;
      CHECK(std::sqrt(t[0] * t[0] - t[1] * t[1] - t[2] * t[2] - t[3] * t[3]) == Approx(173).epsilon(1e-3));
    } else {
      CHECK(jet->truth == std::array<double, 4>{0, 0, 0, 0});
    }
    ++row;
  }
  CHECK(row == 50);
  CHECK(per_ttv[0] == 30);
  CHECK(per_ttv[1] == 10);
  CHECK(per_ttv[2] == 10);
  CHECK(signal == 25);
}

TEST_CASE("toptag reader: selecting a ttv split keeps only its rows, in both layouts") {
  for (const char* path : {kFixed, kTable}) {
    for (int ttv = 0; ttv <= 2; ++ttv) {
      TopTagReader reader(path, ttv, 8);
      const auto jets = read_all(reader);
      CHECK(jets.size() == (ttv == 0 ? 30u : 10u));
      for (const auto& jet : jets) CHECK(jet.ttv == ttv);
      CHECK_THAT(reader.description(), Catch::Matchers::EndsWith("50 jets, ttv = " + std::to_string(ttv) + ")"));
    }
  }
  REQUIRE_THROWS_WITH(TopTagReader(kFixed, 3), Catch::Matchers::Contains("ttv must be 0 (train), 1 (test) or 2 (val)"));
}

TEST_CASE("toptag reader: the EventSource view gives the constituents of every jet") {
  TopTagReader reader(kTable);
  std::size_t events = 0;
  while (const auto event = reader.next()) {
    CHECK(event->number == events);
    ++events;
  }
  CHECK(events == 50);
}

TEST_CASE("toptag reader: a file without the key 'table' is an input error naming file and key") {
  REQUIRE_THROWS_AS(TopTagReader("tests/fixtures/events/jetimages.h5"), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(TopTagReader("tests/fixtures/events/jetimages.h5"),
                      Catch::Matchers::StartsWith("tests/fixtures/events/jetimages.h5: key 'table' is missing") &&
                          Catch::Matchers::Contains("this file has: deltaR, image, jet_eta"));
}

TEST_CASE("toptag reader: a block whose shape disagrees with its column names is refused") {
  namespace h5 = jetstudy::core::hdf5;
  jetstudy::core::TempDirectory dir("toptag");
  const auto path = dir / "bad.h5";
  {
    h5::Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    h5::Handle group(H5Gcreate2(file.get(), "table", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    // Three column names but a 2 x 4 block.
    h5::Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.get(), 4);
    const hsize_t three = 3;
    h5::Handle space(H5Screate_simple(1, &three, nullptr), H5Sclose);
    h5::Handle items(H5Dcreate2(group.get(), "block0_items", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                                H5P_DEFAULT), H5Dclose);
    H5Dwrite(items.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, "E_0\0PX_0PY_0");
    h5::write_floats(group.get(), "block0_values", {2, 4}, std::vector<float>(8, 1.0f), path);
  }
  REQUIRE_THROWS_WITH(TopTagReader(path), path.string() + ": key 'table': /table/block0_values has shape 2 x 4 but "
                                                          "/table/block0_items names 3 columns (expected rows x 3)");
}

TEST_CASE("toptag reader: a read rate is measured over the whole file") {
  std::uint64_t jets = 0;
  const double rate = jetstudy::events::toptag_read_rate(kFixed, &jets);
  CHECK(jets == 50);
  CHECK(rate > 0);
}

TEST_CASE("toptag reader: a row whose ttv or is_signal_new is not a valid code is refused, naming the row") {
  // The first five fixture jets, written by pandas with one bad row each (make_fixtures.py).
  TopTagReader bad_ttv("tests/fixtures/events/toptag_bad_ttv.h5");
  for (int row = 0; row < 3; ++row) REQUIRE(bad_ttv.next_jet());
  CHECK_THROWS_WITH(bad_ttv.next_jet(), "tests/fixtures/events/toptag_bad_ttv.h5: row 3: ttv is 7, expected 0 "
                                        "(train), 1 (test) or 2 (val)");
  // Also when reading one split only: the bad row is not silently skipped as another split's.
  TopTagReader val_only("tests/fixtures/events/toptag_bad_ttv.h5", 2);
  CHECK_THROWS_AS(read_all(val_only), jetstudy::core::InputError);
  TopTagReader bad_label("tests/fixtures/events/toptag_bad_label.h5");
  CHECK_THROWS_WITH(read_all(bad_label), "tests/fixtures/events/toptag_bad_label.h5: row 2: is_signal_new is 2, "
                                         "expected 0 (QCD) or 1 (top)");
}
