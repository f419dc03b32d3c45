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

TEST_CASE("channel: origin hard_scatter and pileup split every channel into two parts that add up to it") {
  // Four constituents around the axis; the second and fourth are pile-up.
  jetstudy::jets::Jet jet;
  jet.R = 1.0;
  const double particles[4][5] = {{100, 0.0, 0.0, 1, 0}, {30, 0.2, 0.1, -1, 1}, {40, -0.3, 0.2, 0, 0}, {10, 0.1, -0.4, 0, 1}};
  for (const auto& p : particles) {
    jetstudy::jets::Constituent c;
    c.pt = p[0], c.eta = p[1], c.phi = p[2], c.e = p[0] * std::cosh(p[1]);
    c.charge = static_cast<int>(p[3]);
    c.pid = c.charge != 0 ? 211 * c.charge : 22;
    c.from_pileup = p[4] != 0;
    jet.constituents.push_back(c);
    jet.px += c.pt * std::cos(c.phi), jet.py += c.pt * std::sin(c.phi), jet.e += c.e;
  }
  jet.pt = std::hypot(jet.px, jet.py);
  jet.phi = std::atan2(jet.py, jet.px);
  const json channels = {"charged_pt",
                         {{"name", "charged_pt"}, {"origin", "hard_scatter"}},
                         {{"name", "charged_pt"}, {"origin", "pileup"}},
                         {{"name", "neutral_pt"}, {"origin", "hard_scatter"}},
                         {{"name", "neutral_pt"}, {"origin", "pileup"}},
                         {{"name", "pt"}, {"origin", "all"}}};
  const ImageBuilder builder(image_spec_from_json(
      {{"size", {16, 16}}, {"extent", {{-1.6, 1.6}, {-1.6, 1.6}}}, {"channels", channels}}));
  const auto image = builder.build(jet);
  std::vector<double> sums(6, 0.0);
  for (std::int64_t c = 0; c < 6; ++c)
    for (std::int64_t h = 0; h < 16; ++h)
      for (std::int64_t w = 0; w < 16; ++w) sums[static_cast<std::size_t>(c)] += image.at(c, h, w);
  CHECK(sums[0] == Approx(130).epsilon(1e-5));  // charged: 100 + 30
  CHECK(sums[1] == Approx(100).epsilon(1e-5));  // charged hard scatter
  CHECK(sums[2] == Approx(30).epsilon(1e-5));   // charged pile-up
  CHECK(sums[3] == Approx(40).epsilon(1e-5));   // neutral hard scatter
  CHECK(sums[4] == Approx(10).epsilon(1e-5));   // neutral pile-up
  CHECK(sums[5] == Approx(180).epsilon(1e-5));  // origin all is every particle
  for (std::int64_t h = 0; h < 16; ++h)
    for (std::int64_t w = 0; w < 16; ++w) REQUIRE(image.at(1, h, w) + image.at(2, h, w) == Approx(image.at(0, h, w)));
}

TEST_CASE("channel: the origin shows in the name and a wrong origin names the valid ones") {
  const auto pileup = channel_spec_from_json({{"name", "charged_pt"}, {"origin", "pileup"}});
  REQUIRE(pileup.origin == Origin::pileup);
  REQUIRE(channel_description(pileup) == "charged_pt[pileup]");
  REQUIRE(channel_description(channel_spec_from_json({{"name", "neutral_pt"}, {"origin", "hard_scatter"}})) ==
          "neutral_pt[hard_scatter]");
  REQUIRE(channel_description(channel_spec_from_json({{"name", "pt"}, {"origin", "all"}})) == "pt");
  REQUIRE(channel_spec_from_json("pt").origin == Origin::all);
  REQUIRE_THROWS_WITH(channel_spec_from_json({{"name", "pt"}, {"origin", "pile_up"}}),
                      Catch::Matchers::Contains("origin 'pile_up' is not one of all, hard_scatter, pileup") &&
                          Catch::Matchers::Contains("did you mean 'pileup'"));
  REQUIRE_THROWS_WITH(channel_spec_from_json({{"name", "pt"}, {"origin", 3}}),
                      Catch::Matchers::Contains("origin must be all, hard_scatter or pileup"));
}
