#include "toolkit/images/jet_constituents_file.h"

#include <catch2/catch.hpp>

#include <fstream>

#include "tests/images/make_jet.h"
#include "tests/images/w_jets.h"
#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/events/event_file.h"
#include "toolkit/images/image_benchmark.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::core::InputError;
using jetstudy::images::testing::make_jet;
using jetstudy::images::testing::w_jets;
using jetstudy::core::TempDirectory;
using Catch::Matchers::Contains;

TEST_CASE("jet_constituents_file: jets come back with the same pt, eta, phi of jet and constituents, in order") {
  TempDirectory directory("jet-constituents");
  std::vector<jetstudy::jets::Jet> jets(w_jets().begin(), w_jets().begin() + 40);
  jets.push_back(make_jet({{10.0, 0.5, 3.1}, {5.0, 0.6, -3.1}}));  // straddles phi = pi
  jets.push_back(jetstudy::jets::Jet{});                            // no constituents at all
  write_jet_constituents_file(directory / "jets.h5", jets);

  const auto back = read_jet_constituents_file(directory / "jets.h5");
  REQUIRE(back.size() == jets.size());
  for (std::size_t i = 0; i < jets.size(); ++i) {
    INFO("jet " << i);
    CHECK(back[i].pt == jets[i].pt);
    CHECK(back[i].eta == jets[i].eta);
    CHECK(back[i].phi == jets[i].phi);
    REQUIRE(back[i].constituents.size() == jets[i].constituents.size());
    for (std::size_t k = 0; k < jets[i].constituents.size(); ++k) {
      CHECK(back[i].constituents[k].pt == jets[i].constituents[k].pt);
      CHECK(back[i].constituents[k].eta == jets[i].constituents[k].eta);
      CHECK(back[i].constituents[k].phi == jets[i].constituents[k].phi);
    }
  }
  CHECK(back.back().constituents.empty());
  CHECK(back[40].constituents[1].phi == -3.1);
}

TEST_CASE("jet_constituents_file: the numpy peer's images need nothing but what the file keeps") {
  TempDirectory directory("jet-constituents");
  const std::vector<jetstudy::jets::Jet> jets(w_jets().begin(), w_jets().begin() + 25);
  write_jet_constituents_file(directory / "jets.h5", jets);
  const auto back = read_jet_constituents_file(directory / "jets.h5");
  const ImageBuilder builder(numpy_peer_image_spec());
  for (std::size_t i = 0; i < jets.size(); ++i) {
    INFO("jet " << i);
    REQUIRE(builder.build(back[i]).pixels == builder.build(jets[i]).pixels);
  }
}

TEST_CASE("jet_constituents_file: another format, a text file or offsets past the constituents are refused by name") {
  TempDirectory directory("jet-constituents");
  jetstudy::events::write_event_file(directory / "events.h5", std::vector<jetstudy::events::Event>{});
  REQUIRE_THROWS_WITH(read_jet_constituents_file(directory / "events.h5"),
                      Contains("events.h5: format is 'jetstudy-events', expected 'jetstudy-jet-constituents'"));

  std::ofstream(directory / "notes.txt") << "not HDF5\n";
  REQUIRE_THROWS_WITH(read_jet_constituents_file(directory / "notes.txt"),
                      Contains("notes.txt: is not a readable HDF5 file"));

  // Rewrite the last offset so that it claims one constituent more than the file holds.
  const std::vector<jetstudy::jets::Jet> jets{make_jet({{10.0, 0.1, 0.2}, {5.0, 0.2, 0.1}})};
  write_jet_constituents_file(directory / "jets.h5", jets);
  {
    namespace h5 = jetstudy::core::hdf5;
    h5::Handle file(H5Fopen((directory / "jets.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    h5::Handle offset(H5Dopen2(file.get(), "jets/offset", H5P_DEFAULT), H5Dclose);
    const std::uint64_t wrong[2] = {0, 3};
    REQUIRE(H5Dwrite(offset.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, wrong) >= 0);
  }
  REQUIRE_THROWS_AS(read_jet_constituents_file(directory / "jets.h5"), InputError);
  REQUIRE_THROWS_WITH(read_jet_constituents_file(directory / "jets.h5"),
                      Contains("/jets/offset must run from 0 to the number of constituents (2)"));
}
