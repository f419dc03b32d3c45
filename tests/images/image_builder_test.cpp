#include "toolkit/images/image_builder.h"

#include <catch2/catch.hpp>
#include <random>

#include "tests/images/make_jet.h"
#include "toolkit/core/error.h"

using namespace jetstudy::images;
using jetstudy::images::testing::make_jet;
using jetstudy::images::testing::PtEtaPhi;

TEST_CASE("image_builder: the pixel sum equals the pT sum of the constituents inside the extent") {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> spread(0.0, 0.6);
  std::vector<PtEtaPhi> particles;
  for (int i = 0; i < 200; ++i) particles.push_back({1.0 + i % 7, 0.5 + spread(rng), 2.9 + spread(rng)});
  const auto jet = make_jet(particles, {{50, 0.5, 2.9}});
  const ImageBuilder builder(image_spec_from_json(
      {{"size", {40, 40}}, {"extent", {{-1.6, 1.6}, {-1.6, 1.6}}}, {"steps", {{{"center", {{"on", "pt_centroid"}}}}}}}));
  const auto image = builder.build(jet);
  double pixel_sum = 0, total_pt = 0;
  for (const float p : image.pixels) pixel_sum += p;
  for (const auto& p : particles) total_pt += p.pt;
  REQUIRE(image.dropped_pt_fraction > 0.0);  // sigma 0.6 spills outside 1.6
  REQUIRE(image.dropped_pt_fraction < 0.1);
  REQUIRE(pixel_sum == Approx(total_pt * (1 - image.dropped_pt_fraction)).epsilon(1e-5));
}

TEST_CASE("image_builder: build_into writes the same pixels as build into a batch slot") {
  const auto jet = make_jet({{80, 0.1, 0.2}, {20, 0.4, -0.1}}, {{80, 0.1, 0.2}});
  const ImageBuilder builder(image_spec_from_json({{"size", {12, 12}}, {"steps", {{{"center", {{"on", "leading_subjet"}}}}}}}));
  std::vector<float> batch(3 * 144, -5.0f);
  double dropped = -1;
  builder.build_into(jet, batch.data() + 144, &dropped);
  const auto image = builder.build(jet);
  REQUIRE(std::vector<float>(batch.begin() + 144, batch.begin() + 288) == image.pixels);
  REQUIRE(batch[0] == -5.0f);
  REQUIRE(batch[288] == -5.0f);
  REQUIRE(dropped == 0.0);
}

TEST_CASE("image_builder: the description lists grid, channels and steps") {
  const ImageBuilder builder(image_spec_from_json({{"size", {40, 40}}, {"steps", {{{"center", {{"on", "jet_axis"}}}}}}}));
  REQUIRE(builder.description() == "40x40 pt image over eta [-1.6, 1.6] x phi [-1.6, 1.6]; steps: center on jet_axis");
}

TEST_CASE("image_spec: defaults fill a sparse block and bad blocks are refused with the reason") {
  const auto spec = image_spec_from_json(nlohmann::json::object());
  REQUIRE(spec.eta_pixels == 40);
  REQUIRE(spec.extent.phi_max == 1.6);
  REQUIRE(spec.channels.size() == 1);
  REQUIRE(spec.constituent_steps.empty());
  REQUIRE_THROWS_WITH(image_spec_from_json({{"steps", {{{"centre", {{"on", "jet_axis"}}}}}}}),
                      Catch::Matchers::Contains("unknown step 'centre'; did you mean 'center'?"));
  REQUIRE_THROWS_WITH(image_spec_from_json({{"channels", {"pT"}}}), Catch::Matchers::Contains("did you mean 'pt'"));
  REQUIRE_THROWS_WITH(image_spec_from_json({{"extent", {{0.5, 1.6}, {-1.6, 1.6}}}}),
                      Catch::Matchers::Contains("must contain the centre"));
  REQUIRE_THROWS_AS(image_spec_from_json({{"size", {40}}}), jetstudy::core::InputError);
}
