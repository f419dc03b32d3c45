#include "toolkit/images/standardize.h"

#include <catch2/catch.hpp>

#include <cmath>

#include "toolkit/images/center.h"
#include "tests/images/w_jets.h"
#include "toolkit/core/error.h"
#include "toolkit/images/image_builder.h"

using namespace jetstudy::images;
using jetstudy::images::testing::w_jets;

namespace {

// W-jet images 16x16, the first `count` jets from `first`, one after the other.
std::vector<float> images_of(std::size_t first, std::size_t count) {
  ImageSpec spec;
  spec.eta_pixels = spec.phi_pixels = 16;
  spec.constituent_steps.push_back(std::make_shared<Center>(CenterOn::leading_subjet));
  const ImageBuilder builder(spec);
  std::vector<float> pixels(count * 256);
  for (std::size_t i = 0; i < count; ++i) builder.build_into(w_jets()[first + i], pixels.data() + i * 256);
  return pixels;
}

}  // namespace

TEST_CASE("standardize: on the training images every varying pixel has mean 0 and std 1") {
  auto training = images_of(0, 200);
  Standardize step;
  REQUIRE_FALSE(step.fitted());
  const ImageBatch batch{training.data(), 200, 1, 16, 16};
  step.fit(batch);
  REQUIRE(step.fitted());
  step.apply(batch);
  int varying = 0;
  for (std::int64_t i = 0; i < 256; ++i) {
    double sum = 0, squares = 0;
    for (std::int64_t n = 0; n < 200; ++n) {
      sum += training[n * 256 + i];
      squares += training[n * 256 + i] * training[n * 256 + i];
    }
    const double mean = sum / 200, variance = squares / 200 - mean * mean;
    REQUIRE(mean == Approx(0.0).margin(1e-5));
    if (step.standard_deviation()[i] > 0) {
      ++varying;
      REQUIRE(variance == Approx(1.0).epsilon(1e-3));
    } else {
      REQUIRE(variance == Approx(0.0).margin(1e-9));
    }
  }
  REQUIRE(varying > 100);
}

TEST_CASE("standardize: validation images use the training statistics, not their own") {
  const auto training = images_of(0, 200);
  auto validation = images_of(200, 50);
  const auto raw = validation;
  Standardize step;
  step.fit({const_cast<float*>(training.data()), 200, 1, 16, 16});
  step.apply({validation.data(), 50, 1, 16, 16});
  // Central pixel (8, 8): (x - mean_train) / std_train.
  const std::int64_t i = 8 * 16 + 8;
  REQUIRE(step.mean()[i] > 50.0f);  // the leading subjet's pixel carries tens of GeV on average
  REQUIRE(validation[3 * 256 + i] == Approx((raw[3 * 256 + i] - step.mean()[i]) / step.standard_deviation()[i]));
}

TEST_CASE("standardize: the two phases are checked and fitted statistics can be restored") {
  Standardize step;
  std::vector<float> pixels(4, 1.0f);
  REQUIRE_THROWS_AS(step.apply({pixels.data(), 1, 1, 2, 2}), jetstudy::core::InternalError);
  REQUIRE_THROWS_WITH(step.fit({pixels.data(), 0, 1, 2, 2}), Catch::Matchers::Contains("training split is empty"));
  const Standardize restored({1, 1, 1, 1}, {2, 2, 0, 2});
  restored.apply({pixels.data(), 1, 1, 2, 2});
  REQUIRE(pixels == std::vector<float>{0, 0, 0, 0});
  const auto copy = restored.unfitted_copy();
  REQUIRE_FALSE(copy->fitted());
  // In a spec it is a prototype at the end of the steps.
  const auto spec = image_spec_from_json({{"steps", {{{"center", {{"on", "jet_axis"}}}}, {{"normalize", {{"norm", "standardize"}}}}}}});
  REQUIRE(spec.dataset_steps.size() == 1);
  REQUIRE(spec.image_steps.empty());
  REQUIRE_THROWS_WITH(image_spec_from_json({{"steps", {{{"normalize", {{"norm", "standardize"}}}}, "flip"}}}),
                      Catch::Matchers::Contains("must be the last step"));
}
