#include "toolkit/images/event_image.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "toolkit/core/error.h"

using namespace jetstudy::images;

namespace {

constexpr double kPi = std::numbers::pi;

double plane_sum(const JetImage& image, std::int64_t channel) {
  double sum = 0;
  for (std::int64_t h = 0; h < image.height; ++h) {
    for (std::int64_t w = 0; w < image.width; ++w) sum += image.at(channel, h, w);
  }
  return sum;
}

}  // namespace

TEST_CASE("event_image: phi = +pi and phi = -pi land in the same column, the first one") {
  const EventImageBuilder builder(EventImageSpec{});
  const auto image = builder.build({{10, 0.0, kPi}, {20, 0.0, -kPi}, {5, 0.0, 3 * kPi}});
  REQUIRE(image.height == 50);
  REQUIRE(image.width == 64);
  REQUIRE(image.at(0, 25, 0) == 35.0f);  // eta 0 is the lower edge of row 25; 3 pi wraps to pi as well
  REQUIRE(image.dropped_pt_fraction == 0.0);
  // Just below +pi is the last column.
  REQUIRE(builder.build({{7, 0.0, kPi - 0.01}}).at(0, 25, 63) == 7.0f);
}

TEST_CASE("event_image: particles beyond the eta range are dropped and their pT share reported") {
  const EventImageBuilder builder(EventImageSpec{});
  const auto image = builder.build({{30, 1.0, 0.5}, {10, 3.0, 0.5}});
  REQUIRE(image.dropped_pt_fraction == Approx(0.25));
  REQUIRE(plane_sum(image, 0) == Approx(30.0));
  // eta 1.0 -> row (1.0 + 2.5) / 0.1 = 35; phi 0.5 -> column (0.5 + pi) / (2 pi / 64) = 37.09 -> 37.
  REQUIRE(image.at(0, 35, 37) == 30.0f);
}

TEST_CASE("event_image: an events::Event gives channels of its visible particles") {
  jetstudy::events::Event event;
  // A 50 GeV pi+ along +x at eta 0, a 20 GeV photon along -y, a neutrino, and a particle along the beam.
  event.particles.push_back({50, 0, 0, 50, 211, 1, false});
  event.particles.push_back({0, -20, 0, 20, 22, 0, false});
  event.particles.push_back({30, 0, 0, 30, 12, 0, false});
  event.particles.push_back({0, 0, 100, 100, 2212, 1, false});
  EventImageSpec spec;
  spec.channels = {ChannelSpec{Channel::pt}, ChannelSpec{Channel::charged_pt}, ChannelSpec{Channel::charged_count}};
  const auto image = EventImageBuilder(spec).build(event);
  REQUIRE(plane_sum(image, 0) == Approx(70.0));
  REQUIRE(plane_sum(image, 1) == Approx(50.0));
  REQUIRE(plane_sum(image, 2) == 1.0);
  spec.include_neutrinos = true;
  REQUIRE(plane_sum(EventImageBuilder(spec).build(event), 0) == Approx(100.0));
}

TEST_CASE("event_image: jet charge and own channel grids are refused") {
  EventImageSpec spec;
  spec.channels = {ChannelSpec{Channel::jet_charge}};
  REQUIRE_THROWS_WITH(EventImageBuilder(spec), Catch::Matchers::Contains("jet_charge needs a jet"));
  spec.channels = {ChannelSpec{Channel::pt, 0.5, 80, 80}};
  REQUIRE_THROWS_AS(EventImageBuilder(spec), jetstudy::core::InputError);
}
