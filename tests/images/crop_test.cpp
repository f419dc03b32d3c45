#include "toolkit/images/crop.h"

#include <catch2/catch.hpp>

#include "tests/images/make_jet.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::images::testing::make_jet;

TEST_CASE("crop: the central pixels are kept, the centre stays the centre and the extent shrinks") {
  const auto jet = make_jet({{100, 0.0, 0.0}, {20, 0.5, 0.0}, {5, 1.5, 1.5}}, {{100, 0.0, 0.0}});
  const auto full = ImageBuilder(image_spec_from_json({{"steps", {{{"center", {{"on", "leading_subjet"}}}}}}})).build(jet);
  const ImageBuilder builder(image_spec_from_json(
      {{"steps", {{{"center", {{"on", "leading_subjet"}}}}, {{"crop", {{"size", {20, 20}}}}}}}}));
  REQUIRE(builder.height() == 20);
  REQUIRE(builder.width() == 20);
  REQUIRE(builder.extent().eta_min == Approx(-0.8));
  REQUIRE(builder.extent().phi_max == Approx(0.8));
  const auto cropped = builder.build(jet);
  REQUIRE(cropped.pixels.size() == 400u);
  REQUIRE(cropped.at(0, 10, 10) == 100.0f);  // centre pixel of 20x20
  for (std::int64_t h = 0; h < 20; ++h) {
    for (std::int64_t w = 0; w < 20; ++w) REQUIRE(cropped.at(0, h, w) == full.at(0, h + 10, w + 10));
  }
  // 0.5 above the centre: pixel 10 + 6 = 16; the 5 GeV corner particle is cut away.
  REQUIRE(cropped.at(0, 16, 10) == 20.0f);
  float total = 0;
  for (const float p : cropped.pixels) total += p;
  REQUIRE(total == 120.0f);
}

TEST_CASE("crop: a crop larger than the image or one that would move the centre is refused") {
  REQUIRE_THROWS_WITH(image_spec_from_json({{"steps", {{{"crop", {{"size", {41, 40}}}}}}}}),
                      Catch::Matchers::Contains("does not fit in the 40x40 image"));
  REQUIRE_THROWS_WITH(image_spec_from_json({{"steps", {{{"crop", {{"size", {33, 33}}}}}}}}),
                      Catch::Matchers::Contains("would move the centre"));
  REQUIRE(Crop(32, 32).description() == "crop to the central 32x32");
}
