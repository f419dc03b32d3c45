#include "toolkit/images/pixelise.h"

#include <catch2/catch.hpp>
#include <numeric>

using namespace jetstudy::images;

namespace {

JetFrame frame_of(const std::vector<FramePoint>& constituents) {
  JetFrame frame;
  frame.constituents = constituents;
  return frame;
}

}  // namespace

TEST_CASE("pixelise: pixels sum the pT of the constituents inside them") {
  const PixelGrid grid(4, 4, Extent{-1, 1, -1, 1});  // 0.5-wide pixels
  const auto frame = frame_of({{0.1, 0.1, 10}, {0.2, 0.3, 5}, {-0.7, 0.9, 2}});
  std::vector<float> pixels(16, -1.0f);  // garbage: pixelise must zero it
  const double dropped = pixelise(frame, grid, {ChannelSpec{}}, {pixels.data(), 1, 4, 4});
  REQUIRE(dropped == 0.0);
  REQUIRE(pixels[2 * 4 + 2] == 15.0f);  // eta bin 2, phi bin 2
  REQUIRE(pixels[0 * 4 + 3] == 2.0f);   // eta bin 0, phi bin 3
  REQUIRE(std::accumulate(pixels.begin(), pixels.end(), 0.0f) == 17.0f);
}

TEST_CASE("pixelise: constituents outside the extent are dropped and their pT share reported") {
  const PixelGrid grid(4, 4, Extent{-1, 1, -1, 1});
  const auto frame = frame_of({{0.0, 0.0, 30}, {1.5, 0.0, 6}, {0.0, -1.2, 4}});
  std::vector<float> pixels(16);
  const double dropped = pixelise(frame, grid, {ChannelSpec{}}, {pixels.data(), 1, 4, 4});
  REQUIRE(dropped == Approx(10.0 / 40.0));
  REQUIRE(std::accumulate(pixels.begin(), pixels.end(), 0.0f) == 30.0f);
}

TEST_CASE("pixelise: a jet without constituents gives an empty image and no dropped pT") {
  const PixelGrid grid(3, 3, Extent{-1, 1, -1, 1});
  std::vector<float> pixels(9, 7.0f);
  REQUIRE(pixelise(JetFrame{}, grid, {ChannelSpec{}}, {pixels.data(), 1, 3, 3}) == 0.0);
  REQUIRE(std::accumulate(pixels.begin(), pixels.end(), 0.0f) == 0.0f);
}
