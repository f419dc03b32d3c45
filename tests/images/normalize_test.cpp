#include "toolkit/images/normalize.h"

#include <catch2/catch.hpp>

#include <cmath>

#include "tests/images/w_jets.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::images::testing::w_jets;

namespace {

JetImage two_channel_image() {
  JetImage image{2, 2, 2, {3, 4, 0, 0, -1, 1, 2, 0}, 0, Extent{}};
  return image;
}

}  // namespace

TEST_CASE("normalize: l1 makes each channel sum to 1 in absolute value") {
  auto image = two_channel_image();
  auto view = image.view();
  Normalize(Norm::l1).apply(view, JetFrame{});
  REQUIRE(image.pixels[0] == Approx(3.0 / 7));
  REQUIRE(image.pixels[1] == Approx(4.0 / 7));
  REQUIRE(image.pixels[4] == Approx(-0.25));
  REQUIRE(image.pixels[6] == Approx(0.5));
}

TEST_CASE("normalize: l2 makes each channel's Euclidean norm 1") {
  auto image = two_channel_image();
  auto view = image.view();
  Normalize(Norm::l2).apply(view, JetFrame{});
  REQUIRE(image.pixels[0] == Approx(0.6));
  REQUIRE(image.pixels[1] == Approx(0.8));
  REQUIRE(image.pixels[6] == Approx(2 / std::sqrt(6.0)));
}

TEST_CASE("normalize: W-jet images sum to 1 with l1 and have norm 1 with l2, an empty image stays empty") {
  const ImageBuilder l1(image_spec_from_json({{"steps", {{{"center", {{"on", "leading_subjet"}}}}, {{"normalize", {{"norm", "l1"}}}}}}}));
  const ImageBuilder l2(image_spec_from_json({{"steps", {{{"center", {{"on", "leading_subjet"}}}}, {{"normalize", {{"norm", "l2"}}}}}}}));
  for (std::size_t i = 0; i < 20; ++i) {
    double sum = 0, squares = 0;
    for (const float p : l1.build(w_jets()[i]).pixels) sum += p;
    for (const float p : l2.build(w_jets()[i]).pixels) squares += p * p;
    REQUIRE(sum == Approx(1.0).epsilon(1e-5));
    REQUIRE(std::sqrt(squares) == Approx(1.0).epsilon(1e-5));
  }
  JetImage empty{1, 2, 2, {0, 0, 0, 0}, 0, Extent{}};
  auto view = empty.view();
  Normalize(Norm::l2).apply(view, JetFrame{});
  REQUIRE(empty.pixels == std::vector<float>{0, 0, 0, 0});
}

TEST_CASE("normalize: the norm name is checked and none leaves the pixels in GeV") {
  REQUIRE_THROWS_WITH(parse_norm("L1"), Catch::Matchers::Contains("did you mean 'l1'"));
  auto image = two_channel_image();
  auto view = image.view();
  Normalize(Norm::none).apply(view, JetFrame{});
  REQUIRE(image.pixels == two_channel_image().pixels);
  REQUIRE(Normalize(Norm::l2).description() == "normalize l2");
}
