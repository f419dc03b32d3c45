#include "toolkit/images/zoom.h"

#include <catch2/catch.hpp>

#include <cmath>

#include "toolkit/images/center.h"
#include "tests/images/make_jet.h"
#include "tests/images/w_jets.h"
#include "toolkit/images/image_builder.h"
#include "toolkit/images/rotate.h"

using namespace jetstudy::images;
using jetstudy::images::testing::make_jet;
using jetstudy::images::testing::make_w_jets;
using nlohmann::json;

namespace {

// Median over jets of the image's pT-weighted spread sqrt(var_eta + var_phi), on a wide 60x60 canvas.
double median_spread(const std::vector<jetstudy::jets::Jet>& jets, bool zoom) {
  json steps = json::array({{{"center", {{"on", "leading_subjet"}}}}});
  if (zoom) steps.push_back({{"zoom", {{"reference_pt", 300.0}}}});
  const ImageBuilder builder(image_spec_from_json({{"size", {60, 60}}, {"extent", {{-3, 3}, {-3, 3}}}, {"steps", steps}}));
  std::vector<double> spreads;
  for (const auto& jet : jets) {
    auto image = builder.build(jet);
    const auto m = image_moments(image.view());
    spreads.push_back(std::sqrt(m.cov_eta_eta() + m.cov_phi_phi()));
  }
  std::sort(spreads.begin(), spreads.end());
  return spreads[spreads.size() / 2];
}

}  // namespace

TEST_CASE("zoom: offsets are scaled by pT / reference_pt") {
  const auto jet = make_jet({{450, 0.0, 0.0}, {150, 0.2, -0.1}}, {{450, 0.0, 0.0}});
  JetFrame frame = make_jet_frame(jet);
  Center(CenterOn::leading_subjet).apply(frame);
  const double pt = frame.jet_pt;
  Zoom(300).apply(frame);
  REQUIRE(frame.constituents[1].eta == Approx(0.2 * pt / 300));
  REQUIRE(frame.constituents[1].phi == Approx(-0.1 * pt / 300));
  REQUIRE(frame.constituents[0].eta == Approx(0.0).margin(1e-12));
  REQUIRE(Zoom(300).description() == "zoom by pT / 300 GeV");
  REQUIRE_THROWS_WITH(Zoom(0), Catch::Matchers::Contains("must be > 0 GeV"));
}

TEST_CASE("zoom: W jets at twice the pT are drawn at the same size as at the reference pT") {
  // Without zoom the opening angle ~ 2m/pT halves from 275 to 550 GeV; zoom undoes the boost.
  const auto low = make_w_jets(80, 250, 300, 21);
  const auto high = make_w_jets(80, 500, 600, 22);
  const double ratio_plain = median_spread(high, false) / median_spread(low, false);
  const double ratio_zoomed = median_spread(high, true) / median_spread(low, true);
  INFO("spread(550 GeV) / spread(275 GeV): plain " << ratio_plain << ", zoomed " << ratio_zoomed);
  REQUIRE(ratio_plain < 0.75);  // the high-pT jet is narrower
  REQUIRE(std::abs(ratio_zoomed - 1) < std::abs(ratio_plain - 1) / 2);
}
