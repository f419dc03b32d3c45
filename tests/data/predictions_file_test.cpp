#include "toolkit/data/predictions_file.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"

using namespace jetstudy;
namespace fs = std::filesystem;

TEST_CASE("predictions_file: scores, labels and observers read back exactly") {
  const core::TempDirectory directory("predictions");
  const auto path = directory / "predictions.h5";
  const data::Predictions written{"abc123", {0.9f, 0.2f, 0.6f}, {1, 0, 1}, {{"mass", {172.f, 40.f, 160.f}}}};
  data::write_predictions_file(path, written);
  const auto read = data::read_predictions_file(path);
  CHECK(read.dataset_hash == "abc123");
  CHECK(read.scores == written.scores);
  CHECK(read.labels == written.labels);
  CHECK(read.observers.at("mass") == written.observers.at("mass"));
}

TEST_CASE("predictions_file: a file that is not HDF5 is named in the error") {
  const core::TempDirectory directory("predictions-bad");
  const auto path = directory / "predictions.h5";
  std::ofstream(path) << "not hdf5";
  REQUIRE_THROWS_WITH(data::read_predictions_file(path), path.string() + ": not an HDF5 file (corrupt or truncated)");
}
