#include "toolkit/images/channel.h"

#include <catch2/catch.hpp>

#include <cmath>

#include "tests/images/w_jets.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::images::testing::w_jets;
using nlohmann::json;

namespace {

const json kChannels = {"pt", "charged_pt", "neutral_pt", "charged_count", "muon_count", {{"name", "jet_charge"}, {"kappa", 0.5}}};

ImageBuilder all_channels(const char* intensity = "pt") {
  // A canvas wide enough for every constituent of an R = 1.0 jet centred on its leading subjet.
  return ImageBuilder(image_spec_from_json({{"size", {40, 40}},
                                            {"extent", {{-3.2, 3.2}, {-3.2, 3.2}}},
                                            {"intensity", intensity},
                                            {"channels", kChannels},
                                            {"steps", {{{"center", {{"on", "leading_subjet"}}}}}}}));
}

}  // namespace

TEST_CASE("channel: charged pT plus neutral pT is the total pT in every pixel of W jets") {
  const auto builder = all_channels();
  REQUIRE(builder.channels() == 6);
  int charged_pixels = 0;
  for (std::size_t j = 0; j < 30; ++j) {
    const auto image = builder.build(w_jets()[j]);
    for (std::int64_t h = 0; h < 40; ++h) {
      for (std::int64_t w = 0; w < 40; ++w) {
        REQUIRE(image.at(1, h, w) + image.at(2, h, w) == Approx(image.at(0, h, w)).margin(1e-4));
        charged_pixels += image.at(1, h, w) > 0 ? 1 : 0;
      }
    }
  }
  REQUIRE(charged_pixels > 150);
}

TEST_CASE("channel: counts are whole numbers and add up to the charged constituents and muons") {
  const auto builder = all_channels();
  for (std::size_t j = 0; j < 30; ++j) {
    const auto& jet = w_jets()[j];
    const auto image = builder.build(jet);
    double charged = 0, muons = 0;
    for (std::int64_t h = 0; h < 40; ++h) {
      for (std::int64_t w = 0; w < 40; ++w) {
        REQUIRE(image.at(3, h, w) == std::round(image.at(3, h, w)));
        REQUIRE(image.at(4, h, w) == std::round(image.at(4, h, w)));
        charged += image.at(3, h, w);
        muons += image.at(4, h, w);
      }
    }
    int expected_charged = 0, expected_muons = 0;
    for (const auto& c : jet.constituents) {
      expected_charged += c.charge != 0 ? 1 : 0;
      expected_muons += std::abs(c.pid) == 13 ? 1 : 0;
    }
    REQUIRE(image.dropped_pt_fraction == 0.0);
    REQUIRE(charged == expected_charged);
    REQUIRE(muons == expected_muons);
  }
}

TEST_CASE("channel: the jet-charge pixels add up to the jet charge Q_kappa") {
  const auto builder = all_channels();
  for (std::size_t j = 0; j < 30; ++j) {
    const auto& jet = w_jets()[j];
    const auto image = builder.build(jet);
    double pixel_sum = 0, q_kappa = 0;
    for (std::int64_t i = 0; i < 1600; ++i) pixel_sum += image.pixels[5 * 1600 + i];
    for (const auto& c : jet.constituents) q_kappa += c.charge * std::pow(c.pt / jet.pt, 0.5);
    REQUIRE(pixel_sum == Approx(q_kappa).margin(1e-4));
  }
}

TEST_CASE("channel: intensity e and et sum constituent energies and transverse energies") {
  const auto& jet = w_jets()[0];
  double e = 0, et = 0;
  for (const auto& c : jet.constituents) {
    e += c.e;
    et += c.e / std::cosh(c.eta);
  }
  auto total = [](const JetImage& image) {
    double sum = 0;
    for (std::int64_t i = 0; i < 1600; ++i) sum += image.pixels[i];
    return sum;
  };
  REQUIRE(total(all_channels("e").build(jet)) == Approx(e).epsilon(1e-5));
  REQUIRE(total(all_channels("et").build(jet)) == Approx(et).epsilon(1e-5));
  REQUIRE(e > et);  // the jet is not at eta = 0
}

TEST_CASE("channel: entries parse from names or maps, and mistakes name the fix") {
  const auto charge = channel_spec_from_json({{"name", "jet_charge"}, {"kappa", 0.3}});
  REQUIRE(charge.channel == Channel::jet_charge);
  REQUIRE(charge.kappa == 0.3);
  REQUIRE(channel_description(charge) == "jet_charge(kappa=0.3)");
  const auto fine = channel_spec_from_json({{"name", "charged_pt"}, {"size", {80, 80}}});
  REQUIRE(channel_description(fine) == "charged_pt@80x80");
  REQUIRE_THROWS_WITH(channel_spec_from_json("charge_pt"), Catch::Matchers::Contains("did you mean 'charged_pt'"));
  REQUIRE_THROWS_WITH(channel_spec_from_json({{"name", "pt"}, {"kappa", 0.3}}),
                      Catch::Matchers::Contains("kappa belongs to jet_charge"));
  REQUIRE_THROWS_WITH(channel_spec_from_json({{"name", "pt"}, {"sizes", {8, 8}}}),
                      Catch::Matchers::Contains("did you mean 'size'"));
  REQUIRE_THROWS_WITH(image_spec_from_json({{"intensity", "ett"}}), Catch::Matchers::Contains("did you mean 'et'"));
  REQUIRE(all_channels("et").description().find("(intensity et)") != std::string::npos);
}
