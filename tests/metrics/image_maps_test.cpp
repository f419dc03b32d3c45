#include "toolkit/metrics/image_maps.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

namespace {

// Four 1x2x2 jets (pixels in row order): two signal, two background, scores falling.
const std::vector<float> kImages{1, 0, 0, 0,   // signal, 0.9
                                 1, 0, 1, 0,   // signal, 0.6
                                 0, 0, 1, 0,   // background, 0.4
                                 0, 1, 1, 0};  // background, 0.1
const std::vector<double> kScores{0.9, 0.6, 0.4, 0.1};
const std::vector<double> kLabels{1, 1, 0, 0};
const ImageLayout kLayout{1, 2, 2};

}  // namespace

TEST_CASE("image maps: average signal, background and difference images of hand-made jets") {
  const auto maps = image_maps(kImages, kLayout, kScores, kLabels, 1);
  REQUIRE(maps.signal_mean == std::vector<double>{1, 0, 0.5, 0});
  REQUIRE(maps.background_mean == std::vector<double>{0, 0.5, 1, 0});
  REQUIRE(maps.difference == std::vector<double>{1, -0.5, -0.5, 0});
}

TEST_CASE("image maps: the pixel-score Pearson correlation by hand, 0 for a pixel that never lights") {
  const auto maps = image_maps(kImages, kLayout, kScores, kLabels, 1);
  // Pixel 0 = (1, 1, 0, 0): cov 0.5 / sqrt(1 * 0.34); pixels 1 and 2: cov -0.4 / sqrt(0.75 * 0.34).
  REQUIRE(maps.correlation[0] == Approx(0.5 / std::sqrt(0.34)));
  REQUIRE(maps.correlation[1] == Approx(-0.4 / std::sqrt(0.75 * 0.34)));
  REQUIRE(maps.correlation[2] == Approx(-0.4 / std::sqrt(0.75 * 0.34)));
  REQUIRE(maps.correlation[3] == 0.0);
}

TEST_CASE("image maps: the k most signal- and background-like jets are averaged by score") {
  const auto one = image_maps(kImages, kLayout, kScores, kLabels, 1);
  REQUIRE(one.extreme_jets == 1);
  REQUIRE(one.most_signal_like == std::vector<double>{1, 0, 0, 0});
  REQUIRE(one.most_background_like == std::vector<double>{0, 1, 1, 0});
  const auto two = image_maps(kImages, kLayout, kScores, kLabels, 2);
  REQUIRE(two.most_signal_like == std::vector<double>{1, 0, 0.5, 0});
  REQUIRE(two.most_background_like == std::vector<double>{0, 0.5, 1, 0});
  const auto all = image_maps(kImages, kLayout, kScores, kLabels, 10);  // more than there are: all four
  REQUIRE(all.extreme_jets == 4);
  REQUIRE(all.most_signal_like == std::vector<double>{0.5, 0.25, 0.75, 0});
}

TEST_CASE("image maps: a pixel count that does not fit the layout, k = 0 or one class only are refused") {
  REQUIRE_THROWS_WITH(image_maps(kImages, {1, 3, 3}, kScores, kLabels, 1),
                      Catch::Matchers::Contains("16 pixel values for 4 jets of 1x3x3 pixels; expected 36"));
  REQUIRE_THROWS_WITH(image_maps(kImages, kLayout, kScores, kLabels, 0), Catch::Matchers::Contains("must be >= 1"));
  REQUIRE_THROWS_WITH(image_maps(kImages, kLayout, kScores, {1, 1, 1, 1}, 1),
                      Catch::Matchers::Contains("need signal and background jets; got 4 signal, 0 background"));
}
