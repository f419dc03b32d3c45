// The review's Fig. 2 (de Oliveira et al., arXiv:1511.05190) as numbers: the jet mass carried by the pixels of
// boosted W jets after each preprocessing step. Translation and flip keep it, rotation before pixelisation
// nearly keeps it, rotation of the image after pixelisation and L2 normalisation distort it.
#include "toolkit/images/pixel_mass.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

#include "tests/images/make_jet.h"
#include "tests/images/w_jets.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::images::testing::w_jets;
using nlohmann::json;

namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

const json kCentre = {{"center", {{"on", "leading_subjet"}}}};

// The review's grid: 25 x 25 pixels of 0.1 x 0.1 (arXiv:1511.05190), or jetstudy's default 40 x 40 of 0.08.
json grid(int pixels) {
  const double half = pixels == 25 ? 1.25 : 1.6;
  return {{"size", {pixels, pixels}}, {"extent", {{-half, half}, {-half, half}}}};
}

// m_pixels / m_jet per W jet, m_jet the (trimmed) jet mass from its constituents.
std::vector<double> mass_ratios(const json& extra_steps, int pixels = 25) {
  json steps = json::array({kCentre});
  for (const auto& step : extra_steps) steps.push_back(step);
  json block = grid(pixels);
  block["steps"] = steps;
  const ImageBuilder builder(image_spec_from_json(block));
  std::vector<double> ratios;
  for (const auto& jet : w_jets()) {
    auto image = builder.build(jet);
    ratios.push_back(pixel_mass(image.view()) / jet.m);
  }
  return ratios;
}

struct Distortion {
  double median_ratio;       // median of m_pixels / m_jet
  double median_abs_change;  // median of |m_pixels / m_jet - 1|
};

Distortion distortion(const std::vector<double>& ratios) {
  std::vector<double> changes;
  for (const double r : ratios) changes.push_back(std::abs(r - 1));
  return {median(ratios), median(changes)};
}

}  // namespace

TEST_CASE("pixel_mass: a two-particle image gives the invariant mass of two massless particles") {
  // 100 and 50 GeV at the same eta, 0.4 apart in phi: m^2 = 2 pT1 pT2 (1 - cos 0.4).
  const auto jet = testing::make_jet({{100, 0.0, 0.2}, {50, 0.0, -0.2}});
  ImageSpec spec;
  spec.eta_pixels = spec.phi_pixels = 32;  // 0.1-wide pixels; pixel centres at +-0.05, +-0.15, ...
  auto image = ImageBuilder(spec).build(jet);
  // Relative to the pT-weighted axis (phi ~ 0.067) they sit at +0.133 and -0.267, in the pixels centred at
  // +0.15 and -0.25: still 0.4 apart, so the pixel mass is the particles' mass.
  const double expected = std::sqrt(2 * 100.0 * 50.0 * (1 - std::cos(0.4)));
  REQUIRE(pixel_mass(image.view()) == Approx(expected).epsilon(1e-4));
}

TEST_CASE("pixel_mass: centring keeps the jet mass of W jets up to the pixel size") {
  std::vector<double> jet_masses;
  for (const auto& jet : w_jets()) jet_masses.push_back(jet.m);
  REQUIRE(median(jet_masses) == Approx(80.4).margin(8.0));  // the generator's trimmed W jets peak at m_W
  for (const char* on : {"leading_subjet", "pt_centroid", "jet_axis"}) {
    for (const int pixels : {25, 40}) {
      json block = grid(pixels);
      block["steps"] = {{{"center", {{"on", on}}}}};
      const ImageBuilder builder(image_spec_from_json(block));
      std::vector<double> ratios;
      for (const auto& jet : w_jets()) {
        auto image = builder.build(jet);
        ratios.push_back(pixel_mass(image.view()) / jet.m);
      }
      const auto d = distortion(ratios);
      INFO(on << " " << pixels << "x" << pixels << ": median m_pixels / m_jet " << d.median_ratio << ", median |.-1| "
              << d.median_abs_change);
      REQUIRE(d.median_ratio == Approx(1.0).margin(0.02));
      REQUIRE(d.median_abs_change < 0.035);
    }
  }
}

TEST_CASE("pixel_mass: flip is a reflection and keeps the pixel mass exactly") {
  const auto centred = mass_ratios(json::array());
  const auto flipped = mass_ratios(json::array({{{"flip", {{"eta", true}}}}}));
  for (std::size_t i = 0; i < centred.size(); ++i) REQUIRE(flipped[i] == Approx(centred[i]).epsilon(1e-5));
}

TEST_CASE("pixel_mass: rotating the image after pixelisation distorts more than rotating constituents before") {
  const auto before = distortion(mass_ratios(json::array({{{"rotate", {{"when", "before"}}}}})));
  const auto after = distortion(mass_ratios(json::array({{{"rotate", {{"when", "after"}}}}})));
  INFO("25x25, median m_pixels / m_jet: before " << before.median_ratio << ", after " << after.median_ratio
                                                 << "; median |.-1|: before " << before.median_abs_change
                                                 << ", after " << after.median_abs_change);
  // Before: a turn in (eta, phi) is not a Lorentz transformation (cosh d_eta - cos d_phi is not turn-invariant),
  // about +1 % for W jets. After: bilinear resampling shares each pixel's pT unevenly and pushes the mass up.
  REQUIRE(before.median_ratio == Approx(1.0).margin(0.02));
  REQUIRE(before.median_abs_change < 0.03);
  REQUIRE(after.median_ratio > 1.04);
  REQUIRE(after.median_abs_change > 2 * before.median_abs_change);
}

TEST_CASE("pixel_mass: L2 and L1 normalisation take the pixel mass far from the jet mass") {
  const auto l2 = mass_ratios(json::array({{{"normalize", {{"norm", "l2"}}}}}));
  const auto l1 = mass_ratios(json::array({{{"normalize", {{"norm", "l1"}}}}}));
  INFO("median m_pixels / m_jet: l2 " << median(l2) << ", l1 " << median(l1));
  // L1: the pixels sum to 1 instead of pT_jet, so the pixel mass is m / pT_jet ~ 80 / 270; L2 divides by the
  // Euclidean norm of the pixels, which depends on how the pT is shared: no longer a mass at all.
  std::vector<double> l1_times_pt;
  for (std::size_t i = 0; i < l1.size(); ++i) l1_times_pt.push_back(l1[i] * w_jets()[i].pt);
  REQUIRE(median(l1_times_pt) == Approx(1.0).margin(0.03));
  REQUIRE(median(l2) < 0.02);
  REQUIRE(distortion(l2).median_abs_change > 0.95);
}

TEST_CASE("pixel_mass: zoom scales the pixel mass by pT / reference_pt") {
  const auto centred = mass_ratios(json::array(), 40);
  const auto zoomed = mass_ratios(json::array({{{"zoom", {{"reference_pt", 300.0}}}}}), 40);
  std::vector<double> scaled;
  for (std::size_t i = 0; i < zoomed.size(); ++i) scaled.push_back(zoomed[i] / (centred[i] * w_jets()[i].pt / 300));
  REQUIRE(median(scaled) == Approx(1.0).margin(0.03));
}
