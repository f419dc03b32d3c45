#include "toolkit/images/object_image.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "toolkit/core/error.h"

using namespace jetstudy::images;

namespace {

constexpr double kPi = std::numbers::pi;

std::int64_t lit(const JetImage& image, std::int64_t channel) {
  std::int64_t n = 0;
  for (std::int64_t h = 0; h < image.height; ++h) {
    for (std::int64_t w = 0; w < image.width; ++w) n += image.at(channel, h, w) > 0 ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("object_image: a jet is a filled circle of radius C ln(pT) in the jet channel") {
  const ObjectImageBuilder builder(ObjectImageSpec{});
  const auto image = builder.build({{ObjectType::jet, 100, 0.0, 0.0}});
  REQUIRE(image.channels == 5);
  REQUIRE(image.height == 224);
  REQUIRE(image.width == 224);
  const double r = builder.radius(100);
  REQUIRE(r == Approx(0.1 * std::log(100.0)));
  // Area pi r^2 over pixels of (6/224) x (2 pi/224): about 840 pixels.
  const double expected = kPi * r * r / ((6.0 / 224) * (2 * kPi / 224));
  REQUIRE(static_cast<double>(lit(image, 2)) == Approx(expected).epsilon(0.03));
  REQUIRE(lit(image, 0) == 0);
  REQUIRE(image.at(2, 112, 112) == 1.0f);
}

TEST_CASE("object_image: a circle at phi = pi wraps round to the left edge") {
  const ObjectImageBuilder builder(ObjectImageSpec{});
  const auto image = builder.build({{ObjectType::muon, 50, 1.0, kPi}});
  std::int64_t left = 0, right = 0;
  for (std::int64_t h = 0; h < 224; ++h) {
    for (std::int64_t w = 0; w < 20; ++w) left += image.at(1, h, w) > 0 ? 1 : 0;
    for (std::int64_t w = 204; w < 224; ++w) right += image.at(1, h, w) > 0 ? 1 : 0;
  }
  REQUIRE(left > 100);
  REQUIRE(std::abs(left - right) <= 0.1 * left);
}

TEST_CASE("object_image: MET is drawn at eta = 0 and each type has its own channel") {
  ObjectImageSpec spec;
  spec.fill = ObjectFill::pt;
  const ObjectImageBuilder builder(spec);
  const auto image = builder.build({{ObjectType::met, 40, 2.5, -1.0},
                                    {ObjectType::electron, 30, -2.0, 2.0},
                                    {ObjectType::bjet, 60, 0.5, 0.0},
                                    {ObjectType::bjet, 60, 0.5, 0.0}});
  const auto met_row = static_cast<std::int64_t>((0.0 + 3.0) / (6.0 / 224));
  const auto met_column = static_cast<std::int64_t>((-1.0 + kPi) / (2 * kPi / 224));
  REQUIRE(image.at(4, met_row, met_column) == 40.0f);
  REQUIRE(image.at(0, static_cast<std::int64_t>(1.0 / (6.0 / 224)), static_cast<std::int64_t>((2.0 + kPi) / (2 * kPi / 224))) == 30.0f);
  // Two b-jets at the same place: pT fill sums them.
  REQUIRE(image.at(3, static_cast<std::int64_t>(3.5 / (6.0 / 224)), 112) == 120.0f);
  REQUIRE(lit(image, 2) == 0);
  // A soft object (pT < 1 GeV, radius 0) still marks its own pixel.
  REQUIRE(lit(ObjectImageBuilder(ObjectImageSpec{}).build({{ObjectType::electron, 0.5, 0.0, 0.0}}), 0) == 1);
  REQUIRE_THROWS_AS(ObjectImageBuilder(ObjectImageSpec{0, 224}), jetstudy::core::InputError);
}
