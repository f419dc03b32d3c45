#include "toolkit/images/rotate.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "toolkit/images/center.h"
#include "tests/images/make_jet.h"
#include "tests/images/w_jets.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::images::testing::make_jet;
using jetstudy::images::testing::w_jets;
using nlohmann::json;

namespace {

double median_abs_principal_angle(const json& steps) {
  const ImageBuilder builder(image_spec_from_json({{"size", {40, 40}}, {"steps", steps}}));
  std::vector<double> angles;
  for (const auto& jet : w_jets()) {
    auto image = builder.build(jet);
    angles.push_back(std::abs(image_moments(image.view()).principal_angle()));
  }
  std::sort(angles.begin(), angles.end());
  return angles[angles.size() / 2];
}

// A line of constituents along the direction 30 degrees from +eta towards +phi, through the centre.
jetstudy::jets::Jet tilted_line() {
  const double a = std::numbers::pi / 6;
  std::vector<testing::PtEtaPhi> points;
  for (int i = -5; i <= 5; ++i) points.push_back({10.0 + (i > 0 ? 5 : 0), 0.08 * i * std::cos(a), 0.08 * i * std::sin(a)});
  return make_jet(points);
}

}  // namespace

TEST_CASE("rotate: the principal axis of a tilted line ends up along +eta before pixelisation") {
  const auto jet = tilted_line();
  JetFrame frame = make_jet_frame(jet);
  Center(CenterOn::pt_centroid).apply(frame);
  const RotateConstituents rotate(RotateTo::principal_axis);
  REQUIRE(rotate.angle(frame) == Approx(std::numbers::pi / 6).margin(1e-9));
  rotate.apply(frame);
  const auto moments = constituent_moments(frame);
  REQUIRE(moments.cov_eta_phi() == Approx(0.0).margin(1e-12));
  REQUIRE(moments.cov_phi_phi() == Approx(0.0).margin(1e-12));
  REQUIRE(moments.cov_eta_eta() > 0.01);
  for (const auto& c : frame.constituents) REQUIRE(c.phi == Approx(0.0).margin(1e-12));
}

TEST_CASE("rotate: the second subjet ends up at positive eta on the vertical axis") {
  // Leading subjet at the centre, second subjet at 0.3 in phi (horizontal): after the turn it is at (+0.3, 0).
  const auto jet = make_jet({{150, 0.0, 0.0}, {50, 0.0, 0.3}}, {{150, 0.0, 0.0}, {50, 0.0, 0.3}});
  JetFrame frame = make_jet_frame(jet);
  Center(CenterOn::leading_subjet).apply(frame);
  RotateConstituents(RotateTo::second_subjet).apply(frame);
  REQUIRE(frame.subjets[1].eta == Approx(0.3));
  REQUIRE(frame.subjets[1].phi == Approx(0.0).margin(1e-12));
  REQUIRE(frame.constituents[1].eta == Approx(0.3));
}

TEST_CASE("rotate: W-jet images have their principal axis vertical, rotated before or after pixelisation") {
  const json centre = {{"center", {{"on", "leading_subjet"}}}};
  const double unrotated = median_abs_principal_angle(json::array({centre}));
  const double before = median_abs_principal_angle(json::array({centre, {{"rotate", {{"when", "before"}}}}}));
  const double after = median_abs_principal_angle(json::array({centre, {{"rotate", {{"when", "after"}}}}}));
  INFO("median |principal angle| of the image: none " << unrotated << ", before " << before << ", after " << after);
  REQUIRE(unrotated > 0.4);  // uniform in (-pi/2, pi/2] would give pi/4
  REQUIRE(before < 0.1);     // pixelisation quantises the turned constituents
  REQUIRE(after < 0.1);      // bilinear resampling leaves a little tilt
}

TEST_CASE("rotate: rotation after pixelisation smears the pT over more pixels") {
  // A single off-centre hot pixel turned by 30 degrees lands between pixels and is shared by up to four.
  const auto jet = tilted_line();
  const ImageBuilder before(image_spec_from_json(
      {{"size", {40, 40}}, {"steps", {{{"center", {{"on", "pt_centroid"}}}}, {{"rotate", {{"when", "before"}}}}}}}));
  const ImageBuilder after(image_spec_from_json(
      {{"size", {40, 40}}, {"steps", {{{"center", {{"on", "pt_centroid"}}}}, {{"rotate", {{"when", "after"}}}}}}}));
  auto count_lit = [](const JetImage& image) { return std::count_if(image.pixels.begin(), image.pixels.end(), [](float p) { return p > 1e-6f; }); };
  const auto image_before = before.build(jet);
  const auto image_after = after.build(jet);
  REQUIRE(count_lit(image_before) <= 11);
  REQUIRE(count_lit(image_after) > count_lit(image_before));
  // Rotated back onto the +eta axis, the pT sits in the two central columns 19 and 20.
  double central_columns = 0, total = 0;
  for (std::int64_t h = 0; h < 40; ++h) {
    for (std::int64_t w = 0; w < 40; ++w) {
      total += image_after.at(0, h, w);
      if (w == 19 || w == 20) central_columns += image_after.at(0, h, w);
    }
  }
  REQUIRE(central_columns / total > 0.9);
}

TEST_CASE("rotate: descriptions say what turns where, and bad names suggest the right one") {
  REQUIRE(RotateConstituents(RotateTo::principal_axis).description() ==
          "rotate principal_axis to +eta before pixelisation");
  REQUIRE(RotateImage(RotateTo::second_subjet).description() ==
          "rotate second_subjet to +eta after pixelisation (bilinear)");
  REQUIRE_THROWS_WITH(parse_rotate_to("principle_axis"), Catch::Matchers::Contains("did you mean 'principal_axis'"));
  REQUIRE_THROWS_WITH(parse_rotate_when("afterwards"), Catch::Matchers::Contains("before, after"));
}
