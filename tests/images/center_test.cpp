#include "toolkit/images/center.h"

#include <catch2/catch.hpp>
#include <numbers>

#include "tests/images/make_jet.h"
#include "toolkit/images/angles.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::images::testing::make_jet;

namespace {

ImageSpec spec_centered_on(CenterOn on) {
  ImageSpec spec;
  spec.constituent_steps.push_back(std::make_shared<Center>(on));
  return spec;
}

}  // namespace

TEST_CASE("center: wrap_phi maps angles into -pi < phi <= pi") {
  const double pi = std::numbers::pi;
  REQUIRE(wrap_phi(pi) == Approx(pi));
  REQUIRE(wrap_phi(-pi) == Approx(pi));
  REQUIRE(wrap_phi(3 * pi / 2) == Approx(-pi / 2));
  REQUIRE(delta_phi(-3.1, 3.1) == Approx(2 * pi - 6.2));
}

TEST_CASE("center: a single hot pixel lands on the central pixel") {
  const auto jet = make_jet({{100, 0.7, -2.0}});
  for (const auto on : {CenterOn::leading_subjet, CenterOn::pt_centroid, CenterOn::jet_axis}) {
    const ImageBuilder builder(spec_centered_on(on));
    const auto image = builder.build(jet);
    REQUIRE(image.at(0, 20, 20) == 100.0f);
    REQUIRE(image.dropped_pt_fraction == 0.0);
  }
}

TEST_CASE("center: a jet at phi = pi is not split across the image") {
  // Two constituents either side of the phi = +-pi line: 0.1 rad apart, in neighbouring regions of the image.
  const double pi = std::numbers::pi;
  const auto jet = make_jet({{60, 0.0, pi - 0.05}, {40, 0.0, -pi + 0.05}});
  const ImageBuilder builder(spec_centered_on(CenterOn::jet_axis));
  const auto image = builder.build(jet);
  REQUIRE(image.dropped_pt_fraction == 0.0);
  float total = 0;
  for (const float p : image.pixels) total += p;
  REQUIRE(total == Approx(100.0f));
  // The jet axis lies between them, at 0.01 rad from the 60 GeV one (pT-weighted): phi offsets -0.04 and +0.06.
  const auto& grid = builder.grid();
  const auto hard = *grid.pixel_of(0.0, -0.04);
  const auto soft = *grid.pixel_of(0.0, 0.06);
  REQUIRE(image.at(0, hard.eta_bin, hard.phi_bin) == 60.0f);
  REQUIRE(image.at(0, soft.eta_bin, soft.phi_bin) == 40.0f);
  REQUIRE(hard.phi_bin == 19);
  REQUIRE(soft.phi_bin == 20);
}

TEST_CASE("center: centring on the leading subjet puts its pixel at the centre") {
  // Leading subjet at (0.3, 1.2); a softer subjet at (-0.2, 1.5). The jet axis is in between.
  const auto jet = make_jet({{150, 0.3, 1.2}, {50, -0.2, 1.5}}, {{150, 0.3, 1.2}, {50, -0.2, 1.5}});
  const ImageBuilder builder(spec_centered_on(CenterOn::leading_subjet));
  const auto image = builder.build(jet);
  const auto centre = builder.grid().central_pixel();
  REQUIRE(image.at(0, centre.eta_bin, centre.phi_bin) == 150.0f);
  // The second subjet is 0.5 below in eta and 0.3 above in phi: pixel offsets -0.5/0.08 -> bin 13, 0.3/0.08 -> 23.
  REQUIRE(image.at(0, 13, 23) == 50.0f);
}

TEST_CASE("center: pT centroid and jet axis agree for a two-prong jet, leading subjet does not") {
  const auto jet = make_jet({{150, 0.3, 1.2}, {50, -0.2, 1.5}}, {{150, 0.3, 1.2}, {50, -0.2, 1.5}});
  const auto centroid = ImageBuilder(spec_centered_on(CenterOn::pt_centroid)).build(jet);
  const auto axis = ImageBuilder(spec_centered_on(CenterOn::jet_axis)).build(jet);
  const auto subjet = ImageBuilder(spec_centered_on(CenterOn::leading_subjet)).build(jet);
  REQUIRE(centroid.pixels == axis.pixels);
  REQUIRE(centroid.pixels != subjet.pixels);
}

TEST_CASE("center: a misspelt axis name suggests the closest one") {
  REQUIRE_THROWS_WITH(parse_center_on("leading_subjets"), Catch::Matchers::Contains("did you mean 'leading_subjet'"));
}
