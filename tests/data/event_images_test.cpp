// Event images (images.event): each jet's whole event as an image beside the jet image (arXiv:1807.10768).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/core/error.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/dataset_spec.h"
#include "toolkit/data/loader.h"

using namespace jetstudy::data;
using jetstudy::core::TempDirectory;
using jetstudy::data::testing::small_config;
using Catch::Matchers::Contains;

namespace {

nlohmann::json with_event_images(int jets) {
  auto config = small_config(jets);
  config["data"]["observers"] = {"mass", "pt", "eta"};
  config["images"]["event"] = {{"size", {10, 16}},
                               {"extent", {{-2.5, 2.5}, {-3.1416, 3.1416}}},
                               {"channels", {"pt", "charged_pt"}}};
  return config;
}

double sum_of(const float* first, std::int64_t count) { return std::accumulate(first, first + count, 0.0); }

}  // namespace

TEST_CASE("event images: every jet gets its event's image, which holds at least the jet's pT and round-trips") {
  const TempDirectory cache("event-images");
  const auto built = build_or_load_dataset(with_event_images(60), cache.path());
  REQUIRE(built.event_shape == ImageShape{2, 10, 16});
  const std::int64_t event_size = built.event_shape.size();
  int central = 0;
  for (const Split* split : {&built.train, &built.val, &built.test}) {
    REQUIRE(split->event_images.size() == static_cast<std::size_t>(split->size * event_size));
    for (std::int64_t i = 0; i < split->size; ++i) {
      const float* event = split->event_images.data() + i * event_size;
      const double event_pt = sum_of(event, 10 * 16);
      const double charged_pt = sum_of(event + 10 * 16, 10 * 16);
      // The event holds the jet (and the recoil, underlying event ...): its scalar pT sum exceeds the jet pT
      // when the whole jet (R = 1.5) lies inside the image's |eta| < 2.5.
      const auto row = static_cast<std::size_t>(i);
      if (std::abs(split->observers.at("eta")[row]) < 1.0) {
        CHECK(event_pt > split->observers.at("pt")[row]);
        ++central;
      }
      CHECK(charged_pt < event_pt);
      CHECK(charged_pt > 0);
    }
  }
  REQUIRE(central > 20);
  const auto loaded = read_dataset_file(built.path);
  REQUIRE(loaded.event_shape == built.event_shape);
  REQUIRE(loaded.train.event_images == built.train.event_images);
  REQUIRE(loaded.test.event_images == built.test.event_images);
  // Loading from the cache gives the same dataset.
  const auto again = build_or_load_dataset(with_event_images(60), cache.path());
  REQUIRE(again.val.event_images == built.val.event_images);
  // The streaming loader hands out the event images with their jets.
  LoaderOptions in_order;
  in_order.shuffle = false;
  in_order.batch_size = 1000;
  Loader loader(built.path, "train", in_order);
  REQUIRE(loader.event_shape() == built.event_shape);
  const auto batch = loader.next();
  REQUIRE(batch.has_value());
  REQUIRE(batch->event_images == built.train.event_images);
}

TEST_CASE("event images: absent by default, part of the dataset hash, and the jet images do not change") {
  const auto plain_spec = dataset_spec_from_json(small_config(30));
  const auto event_spec = dataset_spec_from_json(with_event_images(30));
  REQUIRE_FALSE(plain_spec.event_images.has_value());
  REQUIRE(event_spec.event_images.has_value());
  REQUIRE(plain_spec.hash != event_spec.hash);
  const auto plain = build_dataset(plain_spec);
  const auto with_events = build_dataset(event_spec);
  REQUIRE(plain.event_shape.channels == 0);
  REQUIRE(plain.train.event_images.empty());
  REQUIRE(plain.train.images == with_events.train.images);
  REQUIRE(plain.train.labels == with_events.train.labels);
  // Defaults: 50 x 64 over |eta| < 2.5 and the whole azimuth, one pt channel.
  auto defaults = small_config(30);
  defaults["images"]["event"] = nlohmann::json::object();
  const auto spec = dataset_spec_from_json(defaults);
  REQUIRE(spec.event_images->eta_pixels == 50);
  REQUIRE(spec.event_images->phi_pixels == 64);
  REQUIRE(spec.event_images->channels.size() == 1);
}

TEST_CASE("event images: from HepMC files, balanced along with the jets") {
  const TempDirectory dir("event-images-hepmc");
  const auto file = dir.path() / "events.dat";
  {
    // FastJet-style text events: a 400 GeV jet at phi 0 and a 100 GeV particle at phi 3 (the rest of the event).
    std::ofstream out(file);
    for (int i = 0; i < 12; ++i) {
      out << 400 + i << " 0 0 " << 400 + i << '\n';
      out << 100 * std::cos(3.0) << ' ' << 100 * std::sin(3.0) << " 0 100\n#END\n";
    }
  }
  auto config = with_event_images(10);
  config["data"]["source"] = {{"kind", "hepmc3"}, {"signal", {file.string()}}, {"background", {file.string()}}};
  config["data"]["jets"] = {{"algorithm", "antikt"}, {"R", 0.8}};
  config["data"]["select"] = nlohmann::json::object();
  config["data"]["balance"] = true;
  const auto built = build_dataset(dataset_spec_from_json(config));
  for (const Split* split : {&built.train, &built.val, &built.test}) {
    REQUIRE(std::count(split->labels.begin(), split->labels.end(), 1.0f) * 2 == split->size);  // balanced
    REQUIRE(split->event_images.size() == static_cast<std::size_t>(split->size * built.event_shape.size()));
  }
  REQUIRE(built.train.size > 10);
  for (std::int64_t i = 0; i < built.train.size; ++i) {
    const float* event = built.train.event_images.data() + i * built.event_shape.size();
    // Jet pT plus the 100 GeV recoil particle, all of it neutral (no charges in a text event).
    CHECK(sum_of(event, 160) == Approx(built.train.observers.at("pt")[static_cast<std::size_t>(i)] + 100).epsilon(1e-4));
    CHECK(sum_of(event + 160, 160) == 0);
  }
}

TEST_CASE("event images: top-tagging files have no events, and a bad event block names the key") {
  auto toptag = with_event_images(10);
  toptag["data"]["source"] = {{"kind", "toptag_h5"}, {"file", std::string(JETSTUDY_SOURCE_DIR) + "/tests/fixtures/events/toptag_fixed.h5"}};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(toptag), Contains("images.event: the top-tagging files") &&
                                                          Contains("use a generator or hepmc3 source"));
  auto half_circle = with_event_images(10);
  half_circle["images"]["event"]["extent"] = {{-2.5, 2.5}, {0, 3.1416}};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(half_circle), Contains("images.event.extent") && Contains("whole azimuth"));
  auto charge = with_event_images(10);
  charge["images"]["event"]["channels"] = {"jet_charge"};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(charge), Contains("images.event: event images: jet_charge needs a jet"));
  auto typo = with_event_images(10);
  typo["images"]["event"]["sizes"] = {10, 10};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(typo), Contains("unknown key 'sizes'") && Contains("did you mean 'size'"));
}
