#include "toolkit/data/dataset_cache.h"

#include <catch2/catch.hpp>
#include <hdf5.h>
#include <tbb/global_control.h>

#include <fstream>
#include <numeric>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/core/error.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_file.h"

using namespace jetstudy::data;
using jetstudy::core::TempDirectory;
using jetstudy::data::testing::small_config;

namespace {

struct Recorder {
  std::vector<std::string> lines;
  std::function<void(const std::string&)> callback() {
    return [this](const std::string& line) { lines.push_back(line); };
  }
  bool any_contains(const std::string& text) const {
    return std::any_of(lines.begin(), lines.end(), [&](const auto& line) { return line.find(text) != std::string::npos; });
  }
};

float label_sum(const Split& split) { return std::accumulate(split.labels.begin(), split.labels.end(), 0.0f); }

}  // namespace

TEST_CASE("dataset_cache: a small top-vs-QCD dataset builds, is cached, loads, and is rebuilt when truncated") {
  const TempDirectory cache("cache");
  Recorder first;
  const auto built = build_or_load_dataset(small_config(200), cache.path(), first.callback());
  REQUIRE(first.any_contains("building 100 top + 100 qcd jets"));
  REQUIRE(built.path == cache.path() / (built.hash + ".h5"));
  REQUIRE(std::filesystem::exists(built.path));

  SECTION("splits have the requested sizes, shapes and label balance") {
    REQUIRE(built.shape == ImageShape{1, 12, 12});
    REQUIRE(built.train.size == 160);
    REQUIRE(built.val.size == 20);
    REQUIRE(built.test.size == 20);
    REQUIRE(built.train.images.size() == 160 * 144);
    REQUIRE(label_sum(built.train) + label_sum(built.val) + label_sum(built.test) == 100.0f);
    REQUIRE(label_sum(built.train) > 60);  // shuffled: about half of 160 are signal
    REQUIRE(label_sum(built.train) < 100);
    REQUIRE(built.counts["train"]["signal"].get<double>() == label_sum(built.train));
    REQUIRE(built.counts["selection"]["signal"]["process"] == "top");
    REQUIRE(built.train.observers.at("mass").size() == 160);
    // Observers are the leading jet's: pT inside the selection window. The image sums the (groomed)
    // constituents' pT, a scalar sum, so it is at least the jet's vector pT (nothing falls outside 1.6 here
    // to speak of), and for a jet of mass <= 300 GeV at pT >= 300 GeV not wildly more.
    REQUIRE(built.counts["mean_dropped_pt_fraction"].get<double>() < 1e-3);
    for (std::int64_t i = 0; i < built.train.size; ++i) {
      const float pt = built.train.observers.at("pt")[static_cast<std::size_t>(i)];
      REQUIRE(pt >= 300.0f);
      REQUIRE(pt <= 500.0f);
      const auto begin = built.train.images.begin() + i * 144;
      const float pixel_sum = std::accumulate(begin, begin + 144, 0.0f);
      REQUIRE(pixel_sum >= pt * 0.99f);
      REQUIRE(pixel_sum <= pt * 1.5f);
    }
  }

  SECTION("the second call loads the file instead of rebuilding, with identical contents") {
    const auto mtime = std::filesystem::last_write_time(built.path);
    Recorder second;
    const auto loaded = build_or_load_dataset(small_config(200), cache.path(), second.callback());
    REQUIRE(second.any_contains("loaded from"));
    REQUIRE_FALSE(second.any_contains("building"));
    REQUIRE(std::filesystem::last_write_time(built.path) == mtime);
    REQUIRE(loaded.train.images == built.train.images);
    REQUIRE(loaded.test.labels == built.test.labels);
    REQUIRE(loaded.val.observers == built.val.observers);
    REQUIRE(loaded.counts == built.counts);
  }

  SECTION("a truncated cache file is detected and rebuilt, never used") {
    const auto size = std::filesystem::file_size(built.path);
    std::filesystem::resize_file(built.path, size / 2);
    REQUIRE_THROWS_WITH(read_dataset_file(built.path), Catch::Matchers::Contains(built.path.string()));
    Recorder again;
    const auto rebuilt = build_or_load_dataset(small_config(200), cache.path(), again.callback());
    REQUIRE(again.any_contains("is not usable"));
    REQUIRE(again.any_contains("rebuilding"));
    REQUIRE(std::filesystem::file_size(built.path) == size);
    REQUIRE(rebuilt.train.images == built.train.images);
  }

  SECTION("a file that is not HDF5 at all is rebuilt") {
    std::ofstream(built.path, std::ios::trunc) << "not an HDF5 file";
    Recorder again;
    build_or_load_dataset(small_config(200), cache.path(), again.callback());
    REQUIRE(again.any_contains("not a readable HDF5 file"));
    REQUIRE(read_dataset_file(built.path).train.size == 160);
  }

  SECTION("a file of another format version is rebuilt") {
    {  // Rewrite the version attribute as an older jetstudy would have left it.
      const hid_t file = H5Fopen(built.path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
      REQUIRE(file >= 0);
      REQUIRE(H5Adelete(file, "format_version") >= 0);
      const hid_t space = H5Screate(H5S_SCALAR);
      const hid_t attribute = H5Acreate2(file, "format_version", H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT);
      const std::int64_t old_version = kDatasetFormatVersion - 1;
      REQUIRE(H5Awrite(attribute, H5T_NATIVE_INT64, &old_version) >= 0);
      H5Aclose(attribute);
      H5Sclose(space);
      H5Fclose(file);
    }
    const auto old = std::to_string(kDatasetFormatVersion - 1);
    REQUIRE_THROWS_WITH(read_dataset_file(built.path), Catch::Matchers::Contains("format version " + old));
    Recorder again;
    build_or_load_dataset(small_config(200), cache.path(), again.callback());
    REQUIRE(again.any_contains("format version " + old + ", this jetstudy reads version " +
                               std::to_string(kDatasetFormatVersion)));
    REQUIRE(again.any_contains("rebuilding"));
    REQUIRE_NOTHROW(read_dataset_file(built.path));
  }
}

TEST_CASE("dataset_cache: the same spec gives identical images in two builds, whatever the thread count") {
  const auto spec = dataset_spec_from_json(small_config(200));
  const auto two_threads = build_dataset(spec);
  const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  const auto serial = build_dataset(spec);
  REQUIRE(serial.train.images == two_threads.train.images);
  REQUIRE(serial.test.labels == two_threads.test.labels);
  REQUIRE(serial.val.observers == two_threads.val.observers);
}

TEST_CASE("dataset_cache: a different image step gives another file") {
  const TempDirectory cache("steps");
  const auto subjet = build_or_load_dataset(small_config(40, "leading_subjet"), cache.path());
  const auto axis = build_or_load_dataset(small_config(40, "jet_axis"), cache.path());
  REQUIRE(subjet.hash != axis.hash);
  REQUIRE(subjet.path != axis.path);
  REQUIRE(subjet.train.labels == axis.train.labels);  // same jets ...
  REQUIRE(subjet.train.images != axis.train.images);  // ... centred differently
}

TEST_CASE("dataset_cache: a pT window the process cannot produce is refused with the window named") {
  auto config = small_config(20);
  config["data"]["select"]["pt"] = {2000, 3000};
  const auto spec = dataset_spec_from_json(config);
  REQUIRE_THROWS_WITH(build_dataset(spec), Catch::Matchers::Contains("the pT window [350, 450] GeV") &&
                                               Catch::Matchers::Contains("pt [2000, 3000] GeV") &&
                                               Catch::Matchers::Contains("keeps too few jets of process"));
}
