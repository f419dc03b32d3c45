#include "toolkit/images/pixel_grid.h"

#include <catch2/catch.hpp>

#include "toolkit/core/error.h"

using namespace jetstudy::images;

TEST_CASE("pixel_grid: the centre of a 40x40 grid over [-1.6,1.6]^2 is pixel (20,20)") {
  const PixelGrid grid(40, 40, Extent{});
  REQUIRE(grid.central_pixel() == Pixel{20, 20});
  // (20, 20) is the pixel whose lower corner is the centre: [0, 0.08) x [0, 0.08).
  REQUIRE(grid.pixel_of(0.079, 0.079) == Pixel{20, 20});
  REQUIRE(grid.pixel_of(-0.001, -0.001) == Pixel{19, 19});
}

TEST_CASE("pixel_grid: an odd pixel count puts the centre in the middle pixel") {
  const PixelGrid grid(33, 33, Extent{});
  REQUIRE(grid.central_pixel() == Pixel{16, 16});
}

TEST_CASE("pixel_grid: bins are half-open, the upper edge of the extent is outside") {
  const PixelGrid grid(40, 40, Extent{});
  REQUIRE(grid.pixel_of(-1.6, -1.6) == Pixel{0, 0});
  REQUIRE(grid.pixel_of(1.5999, 1.5999) == Pixel{39, 39});
  REQUIRE_FALSE(grid.pixel_of(1.6, 0).has_value());
  REQUIRE_FALSE(grid.pixel_of(0, -1.61).has_value());
  REQUIRE_FALSE(grid.pixel_of(std::nan(""), 0).has_value());
}

TEST_CASE("pixel_grid: rows index eta and columns index phi on an asymmetric grid") {
  const PixelGrid grid(10, 4, Extent{-1.0, 1.0, -0.4, 0.4});
  REQUIRE(grid.pixel_of(0.95, -0.35) == Pixel{9, 0});
  REQUIRE(grid.pixel_of(-0.95, 0.35) == Pixel{0, 3});
}

TEST_CASE("pixel_grid: a size below one pixel is refused with the sizes named") {
  REQUIRE_THROWS_WITH(PixelGrid(0, 40, Extent{}), Catch::Matchers::Contains("[0, 40]"));
}
