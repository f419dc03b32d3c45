#include "toolkit/images/resample.h"

#include <catch2/catch.hpp>

#include <numeric>

#include "tests/images/w_jets.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::images::testing::w_jets;
using nlohmann::json;

namespace {

double sum(const std::vector<float>& values) { return std::accumulate(values.begin(), values.end(), 0.0); }

}  // namespace

TEST_CASE("resample: down-sampling by two sums each 2x2 block") {
  const std::vector<float> fine = {1, 2, 3, 4,  //
                                   5, 6, 7, 8,  //
                                   0, 0, 1, 0,  //
                                   0, 2, 0, 0};
  std::vector<float> coarse(4);
  resample_plane(fine.data(), 4, 4, coarse.data(), 2, 2, Upsample::nearest);
  REQUIRE(coarse == std::vector<float>{14, 22, 2, 1});
}

TEST_CASE("resample: down-sampling 3 to 2 bins splits the middle bin by area and keeps the total") {
  const std::vector<float> fine = {3, 6, 9};  // one row
  std::vector<float> coarse(2);
  resample_plane(fine.data(), 1, 3, coarse.data(), 1, 2, Upsample::nearest);
  REQUIRE(coarse[0] == Approx(3 + 3));
  REQUIRE(coarse[1] == Approx(3 + 9));
}

TEST_CASE("resample: up-sampling keeps the total, nearest by copying shares and bilinear by interpolating") {
  const std::vector<float> coarse = {8, 0, 0, 4};
  std::vector<float> nearest(16), bilinear(16), odd(25);
  resample_plane(coarse.data(), 2, 2, nearest.data(), 4, 4, Upsample::nearest);
  resample_plane(coarse.data(), 2, 2, bilinear.data(), 4, 4, Upsample::bilinear);
  resample_plane(coarse.data(), 2, 2, odd.data(), 5, 5, Upsample::nearest);
  REQUIRE(nearest[0] == 2.0f);
  REQUIRE(nearest[5] == 2.0f);
  REQUIRE(nearest[15] == 1.0f);
  REQUIRE(sum(nearest) == Approx(12.0));
  REQUIRE(sum(bilinear) == Approx(12.0));
  REQUIRE(sum(odd) == Approx(12.0));
  REQUIRE(bilinear[0] == Approx(2.0));   // beyond the outermost centre: clamped
  REQUIRE(bilinear[1] > bilinear[2]);    // smooth fall-off between the 8 and the 0
  REQUIRE(bilinear[2] > 0.0f);
}

TEST_CASE("resample: a track channel on a finer grid summed onto the image equals it pixelised there directly") {
  const ImageBuilder direct(image_spec_from_json(
      {{"channels", {"charged_pt"}}, {"steps", {{{"center", {{"on", "leading_subjet"}}}}}}}));
  const ImageBuilder fine(image_spec_from_json(
      {{"channels", {{{"name", "charged_pt"}, {"size", {80, 80}}}}}, {"steps", {{{"center", {{"on", "leading_subjet"}}}}}}}));
  for (std::size_t j = 0; j < 20; ++j) {
    const auto a = direct.build(w_jets()[j]);
    const auto b = fine.build(w_jets()[j]);
    for (std::size_t i = 0; i < a.pixels.size(); ++i) REQUIRE(b.pixels[i] == Approx(a.pixels[i]).margin(1e-4));
  }
}

TEST_CASE("resample: towers on a coarse grid up-sampled beside fine tracks keep their total per jet") {
  // Image grid 40x40 (tracks); the neutral (tower) channel pixelised on 20x20 and up-sampled.
  for (const char* how : {"nearest", "bilinear"}) {
    const ImageBuilder builder(image_spec_from_json(
        {{"channels", {"charged_pt", {{"name", "neutral_pt"}, {"size", {20, 20}}, {"upsample", how}}, "pt"}},
         {"steps", {{{"center", {{"on", "leading_subjet"}}}}}}}));
    REQUIRE(builder.channels() == 3);
    REQUIRE(builder.height() == 40);
    for (std::size_t j = 0; j < 20; ++j) {
      const auto image = builder.build(w_jets()[j]);
      double charged = 0, neutral = 0, total = 0;
      for (std::int64_t i = 0; i < 1600; ++i) {
        charged += image.pixels[i];
        neutral += image.pixels[1600 + i];
        total += image.pixels[3200 + i];
      }
      REQUIRE(charged + neutral == Approx(total).epsilon(1e-5));
    }
  }
}
