#include "toolkit/images/image_benchmark.h"

#include <catch2/catch.hpp>

#include "tests/images/w_jets.h"
#include "toolkit/core/error.h"

using namespace jetstudy::images;
using jetstudy::images::testing::w_jets;

// Speed goals are checked by `jetstudy bench images`, never here: these tests check what the benchmark measures.
TEST_CASE("image_benchmark: the benchmark builds 40x40 images with leading-subjet centring, rotation and flip, whole passes") {
  const ImageBuilder builder(benchmark_image_spec());
  REQUIRE(builder.description() ==
          "40x40 pt image over eta [-1.6, 1.6] x phi [-1.6, 1.6]; steps: center on leading_subjet, rotate "
          "principal_axis to +eta before pixelisation, flip more pT to +phi");
  const auto result = benchmark_image_builder(builder, w_jets(), 1, 0.2);
  INFO("images/s on one thread: " << result.images_per_second());
  REQUIRE(result.images % static_cast<std::int64_t>(w_jets().size()) == 0);
  REQUIRE(result.seconds >= 0.2);
  REQUIRE(result.images_per_second() == Approx(result.images / result.seconds));
}

TEST_CASE("image_benchmark: several threads build the same number of images per pass") {
  const ImageBuilder builder(benchmark_image_spec());
  const auto result = benchmark_image_builder(builder, w_jets(), 2, 0.2);
  INFO("images/s on two threads: " << result.images_per_second());
  REQUIRE(result.threads == 2);
  REQUIRE(result.images >= static_cast<std::int64_t>(w_jets().size()));
  REQUIRE(result.images_per_second_per_thread() == Approx(result.images_per_second() / 2));
  REQUIRE_THROWS_AS(benchmark_image_builder(builder, {}, 1), jetstudy::core::InputError);
}

TEST_CASE("image_benchmark: the numpy peer's image is pT-centroid centring, rotation, flip, 40x40 and L1") {
  const ImageBuilder builder(numpy_peer_image_spec());
  REQUIRE(builder.description() ==
          "40x40 pt image over eta [-1.6, 1.6] x phi [-1.6, 1.6]; steps: center on pt_centroid, rotate "
          "principal_axis to +eta before pixelisation, flip more pT to +phi, normalize l1");
}
