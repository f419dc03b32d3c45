// Channels by particle origin and the pile-up observers on a generator dataset with pile-up: the PUMML inputs
// (charged hard scatter, charged pile-up, all neutral) and target (neutral hard scatter), arXiv:1707.08600.
#include <catch2/catch.hpp>

#include <numeric>

#include "tests/data/small_config.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_spec.h"

using namespace jetstudy::data;
using jetstudy::data::testing::small_config;

TEST_CASE("pile-up origin: hard-scatter and pile-up channels add up to the whole, and truth_pt leaves pile-up out") {
  auto config = small_config(40);
  config["data"]["source"]["signal"] = "w";
  config["data"]["source"]["pileup"] = 40;
  config["data"]["jets"] = {{"algorithm", "antikt"}, {"R", 1.0}};  // ungroomed: keeps the pile-up it catches
  config["data"]["select"] = nlohmann::json::object();
  config["data"]["observers"] = {"pt", "truth_pt", "pileup_pt_fraction"};
  config["images"]["extent"] = {{-3.0, 3.0}, {-3.0, 3.0}};  // wide: soft pile-up hadrons can sit far out in
  // pseudorapidity (FastJet clusters in rapidity), and every constituent must be drawn
  config["images"]["steps"] = nlohmann::json::array();      // centred on the jet axis
  config["images"]["channels"] = {{{"name", "charged_pt"}, {"origin", "hard_scatter"}},
                                  {{"name", "charged_pt"}, {"origin", "pileup"}},
                                  "neutral_pt",
                                  {{"name", "neutral_pt"}, {"origin", "hard_scatter"}},
                                  {{"name", "pt"}, {"origin", "pileup"}},
                                  "pt"};
  const auto spec = dataset_spec_from_json(config);
  const auto built = build_dataset(spec);
  REQUIRE(built.shape.channels == 6);
  const std::int64_t plane = built.shape.height * built.shape.width;
  const Split& train = built.train;
  double pileup_share = 0;
  for (std::int64_t i = 0; i < train.size; ++i) {
    const float* image = train.images.data() + i * built.shape.size();
    auto sum = [&](int c) { return std::accumulate(image + c * plane, image + (c + 1) * plane, 0.0); };
    const double all = sum(5), pileup = sum(4);
    // Charged hard scatter + charged pile-up + neutral = everything.
    CHECK(sum(0) + sum(1) + sum(2) == Approx(all).epsilon(1e-5));
    CHECK(sum(3) <= sum(2) + 1e-3);  // neutral hard scatter is part of all neutral
    // The pile-up channel's share of the image is the observer pileup_pt_fraction (scalar pT sums).
    const auto row = static_cast<std::size_t>(i);
    CHECK(pileup / all == Approx(train.observers.at("pileup_pt_fraction")[row]).margin(1e-4));
    CHECK(train.observers.at("truth_pt")[row] <= train.observers.at("pt")[row] * (1 + 1e-6));
    pileup_share += pileup / all;
  }
  // mu = 40 puts a few per cent of an R = 1.0 jet's pT in pile-up.
  CHECK(pileup_share / static_cast<double>(train.size) > 0.01);
  CHECK(pileup_share / static_cast<double>(train.size) < 0.5);
  CHECK(spec.images.channels[1].origin == jetstudy::images::Origin::pileup);
}
