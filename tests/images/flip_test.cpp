#include "toolkit/images/flip.h"

#include <catch2/catch.hpp>

#include "toolkit/images/center.h"
#include "tests/images/make_jet.h"
#include "tests/images/w_jets.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::images::testing::make_jet;
using jetstudy::images::testing::w_jets;

TEST_CASE("flip: the side with more pT goes to positive phi, and to positive eta when asked") {
  const auto jet = make_jet({{100, 0.0, 0.0}, {30, -0.2, -0.3}, {10, 0.1, 0.2}}, {{100, 0.0, 0.0}});
  JetFrame frame = make_jet_frame(jet);
  Center(CenterOn::leading_subjet).apply(frame);
  Flip(false).apply(frame);
  REQUIRE(frame.constituents[1].phi == Approx(0.3));
  REQUIRE(frame.constituents[1].eta == Approx(-0.2));
  REQUIRE(frame.constituents[2].phi == Approx(-0.2));
  Flip(true).apply(frame);  // phi already right; eta: 30 GeV below, 10 above -> mirror eta
  REQUIRE(frame.constituents[1].phi == Approx(0.3));
  REQUIRE(frame.constituents[1].eta == Approx(0.2));
  REQUIRE(frame.constituents[2].eta == Approx(-0.1));
  REQUIRE(Flip(true).description() == "flip more pT to +phi, +eta");
}

TEST_CASE("flip: every W-jet image carries at least half its pT at positive phi") {
  const ImageBuilder unflipped(image_spec_from_json({{"steps", {{{"center", {{"on", "leading_subjet"}}}}}}}));
  const ImageBuilder flipped(image_spec_from_json(
      {{"steps", {{{"center", {{"on", "leading_subjet"}}}}, {{"rotate", {{"to", "principal_axis"}}}}, "flip"}}}));
  int unflipped_more_left = 0;
  for (const auto& jet : w_jets()) {
    auto pt_right_share = [](const JetImage& image) {
      double right = 0, total = 0;
      for (std::int64_t h = 0; h < image.height; ++h) {
        for (std::int64_t w = 0; w < image.width; ++w) {
          total += image.at(0, h, w);
          if (w >= image.width / 2) right += image.at(0, h, w);  // columns 20.. are phi >= 0
        }
      }
      return right / total;
    };
    REQUIRE(pt_right_share(flipped.build(jet)) >= 0.5);
    if (pt_right_share(unflipped.build(jet)) < 0.5) ++unflipped_more_left;
  }
  REQUIRE(unflipped_more_left > 50);  // without the flip, a good share of the jets lean the other way
}
