#include <catch2/catch.hpp>

#include <cmath>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/dataset_file.h"

using namespace jetstudy::data;
using jetstudy::core::TempDirectory;
using jetstudy::data::testing::small_config;

namespace {

nlohmann::json standardized_config(int jets) {
  auto config = small_config(jets);
  config["images"]["steps"].push_back({{"normalize", {{"norm", "standardize"}}}});
  return config;
}

}  // namespace

TEST_CASE("dataset: normalize standardize is fitted on the training split, applied to all, stored in the cache") {
  const TempDirectory cache("standardize");
  const auto built = build_or_load_dataset(standardized_config(200), cache.path());
  REQUIRE(built.standardized);
  const auto pixels = static_cast<std::size_t>(built.shape.size());
  REQUIRE(built.pixel_mean.size() == pixels);

  // Training split: per pixel, mean 0 and std 1 (0 where the pixel is always empty).
  int pixels_with_spread = 0;
  for (std::size_t p = 0; p < pixels; ++p) {
    double sum = 0, squares = 0;
    for (std::int64_t n = 0; n < built.train.size; ++n) {
      const double x = built.train.images[n * pixels + p];
      sum += x;
      squares += x * x;
    }
    const double mean = sum / built.train.size;
    const double variance = squares / built.train.size - mean * mean;
    REQUIRE(std::abs(mean) < 1e-4);
    if (built.pixel_std[p] > 0) {
      REQUIRE(variance == Approx(1.0).epsilon(1e-3));
      ++pixels_with_spread;
    }
  }
  REQUIRE(pixels_with_spread > static_cast<int>(pixels) / 4);

  // The file keeps the raw (sparse) images and the statistics; loading gives the same standardised images.
  const auto raw = read_dataset_file(built.path);
  REQUIRE_FALSE(raw.standardized);
  REQUIRE(raw.pixel_mean == built.pixel_mean);
  REQUIRE(raw.pixel_std == built.pixel_std);
  REQUIRE(std::count(raw.train.images.begin(), raw.train.images.end(), 0.0f) > static_cast<long>(raw.train.images.size() / 2));
  const auto std_of_pixel = [&](std::size_t p) { return built.pixel_std[p] > 0 ? built.pixel_std[p] : 1.0f; };
  const std::size_t p = pixels / 2 + built.shape.width / 2;  // near the centre: always hit
  REQUIRE(built.test.images[p] == Approx((raw.test.images[p] - built.pixel_mean[p]) / std_of_pixel(p)));
  const auto loaded = build_or_load_dataset(standardized_config(200), cache.path());
  REQUIRE(loaded.val.images == built.val.images);
}
