#include "toolkit/events/jetimages_reader.h"

#include <catch2/catch.hpp>
#include <numeric>

#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/core/temp_directory.h"

// Fixture: tests/fixtures/events/make_fixtures.py writes 40 images of 25 x 25 with h5py; image i has
// signal = i % 2, jet_pt in 250-300 GeV and the image holds the jet's constituent pT.

namespace {
const char* const kFile = "tests/fixtures/events/jetimages.h5";
}

TEST_CASE("jet images reader: 40 images of 25 x 25 with labels and observers, read in chunks") {
  jetstudy::events::JetImagesReader reader(kFile, 16);
  CHECK(reader.size() == 40);
  CHECK(reader.height() == 25);
  CHECK(reader.width() == 25);
  CHECK(reader.observer_names() == std::vector<std::string>{"jet_pt", "jet_eta", "jet_phi", "jet_mass", "tau_21",
                                                           "deltaR", "tau_1", "tau_2", "tau_3", "tau_32"});
  std::vector<std::size_t> sizes;
  std::uint64_t index = 0;
  while (const auto batch = reader.next_chunk()) {
    CHECK(batch->first == index);
    sizes.push_back(batch->size());
    REQUIRE(batch->images.size() == batch->size() * 625);
    for (std::size_t i = 0; i < batch->size(); ++i, ++index) {
      CHECK(batch->labels[i] == static_cast<float>(index % 2));
      const float pt = batch->observers.at("jet_pt")[i];
      CHECK(pt > 200);
      CHECK(pt < 310);
      const auto begin = batch->images.begin() + static_cast<std::ptrdiff_t>(i * 625);
      const double image_pt = std::accumulate(begin, begin + 625, 0.0);
      CHECK(image_pt <= batch->observers.at("jet_pt")[i] * 1.5);  // pixels hold pT; most of it inside the image
      CHECK(image_pt > 0.5 * pt);
      CHECK(batch->observers.at("tau_21")[i] == Approx(batch->observers.at("tau_2")[i] / batch->observers.at("tau_1")[i]));
    }
  }
  CHECK(sizes == std::vector<std::size_t>{16, 16, 8});
}

TEST_CASE("jet images reader: all at once gives the same images as in chunks") {
  const auto all = jetstudy::events::read_jet_images(kFile);
  jetstudy::events::JetImagesReader reader(kFile, 16);
  reader.next_chunk();
  const auto second = reader.next_chunk();
  REQUIRE(all.size() == 40);
  REQUIRE(second);
  CHECK(std::equal(second->images.begin(), second->images.end(), all.images.begin() + 16 * 625));
  CHECK(all.observers.at("jet_mass")[20] == second->observers.at("jet_mass")[4]);
}

TEST_CASE("jet images reader: a missing key or a wrong shape names the file and the key") {
  namespace h5 = jetstudy::core::hdf5;
  jetstudy::core::TempDirectory dir("jetimages");
  const auto flat = dir / "flat.h5";
  const auto short_signal = dir / "short.h5";
  for (const auto& path : {flat, short_signal}) {
    h5::Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (path == flat) {
      h5::write_floats(file.get(), "image", {4, 625}, std::vector<float>(4 * 625), path);
    } else {
      h5::write_floats(file.get(), "image", {4, 25, 25}, std::vector<float>(4 * 625), path);
      h5::write_floats(file.get(), "signal", {3}, std::vector<float>(3), path);
    }
  }
  REQUIRE_THROWS_WITH(jetstudy::events::JetImagesReader(flat),
                      flat.string() + ": key 'image' has shape 4 x 625, expected N x H x W (e.g. N x 25 x 25)");
  REQUIRE_THROWS_WITH(jetstudy::events::JetImagesReader(short_signal),
                      short_signal.string() + ": key 'signal' has shape 3, expected 4 values (one per image)");
  REQUIRE_THROWS_WITH(jetstudy::events::JetImagesReader("tests/fixtures/events/toptag_fixed.h5"),
                      Catch::Matchers::StartsWith("tests/fixtures/events/toptag_fixed.h5: key 'image' is missing"));
}
