#include "toolkit/images/image_checksum.h"

#include <catch2/catch.hpp>

#include "tests/images/w_jets.h"
#include "toolkit/core/error.h"
#include "toolkit/images/image_benchmark.h"

using namespace jetstudy::images;
using jetstudy::images::testing::w_jets;
using Catch::Matchers::Contains;

TEST_CASE("image_checksum: one unit pixel at the centre gives its row, column and distance from the middle") {
  JetImage image{1, 40, 40, std::vector<float>(1600, 0.0f), 0, Extent{}};
  image.pixels[20 * 40 + 20] = 1.0f;
  ImageChecksum checksum;
  checksum.add(image.view());
  image.pixels[20 * 40 + 20] = 0.0f;
  image.pixels[3 * 40 + 39] = 2.0f;  // row 3, column 39
  checksum.add(image.view());
  CHECK(checksum.images == 2);
  CHECK(checksum.total == 3.0);
  CHECK(checksum.row_moment == 20.0 + 2 * 3.0);
  CHECK(checksum.column_moment == 20.0 + 2 * 39.0);
  CHECK(checksum.row_spread == 0.25 + 2 * 16.5 * 16.5);
  CHECK(checksum.column_spread == 0.25 + 2 * 19.5 * 19.5);
  CHECK(checksum.central_pixel == 1.0);
}

TEST_CASE("image_checksum: numpy-peer images of W jets sum to one each, lean to +phi and spread along eta") {
  const ImageBuilder builder(numpy_peer_image_spec());
  const auto checksum = image_checksum(builder, w_jets());
  const double n = static_cast<double>(w_jets().size());
  REQUIRE(checksum.images == static_cast<std::int64_t>(w_jets().size()));
  CHECK(checksum.total == Approx(n).epsilon(1e-6));                  // L1: every image sums to 1
  CHECK(checksum.column_moment / checksum.total >= 19.5);            // flip: more pT in columns >= 20 (phi >= 0)
  CHECK(checksum.row_moment / checksum.total == Approx(19.5).margin(1.0));  // centred on the pT centroid
  CHECK(checksum.row_spread > 2 * checksum.column_spread);           // rotation: the major axis along eta
}

TEST_CASE("image_checksum: JSON round trip, relative differences, and a peer's missing key named") {
  ImageChecksum a;
  a.images = 3;
  a.total = 3;
  a.row_moment = 60;
  a.column_moment = 61;
  a.row_spread = 40;
  a.column_spread = 10;
  a.central_pixel = 0.5;
  const auto back = checksum_from_json(checksum_json(a));
  CHECK(back.max_relative_difference(a) == 0.0);
  CHECK(back.description() == a.description());

  auto b = a;
  b.column_spread = 10.001;
  CHECK(a.max_relative_difference(b) == Approx(1e-4).epsilon(1e-3));
  b = a;
  b.images = 4;
  CHECK(a.max_relative_difference(b) == 1.0);

  auto json = checksum_json(a);
  json.erase("row_spread");
  REQUIRE_THROWS_AS(checksum_from_json(json), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(checksum_from_json(json), Contains("'row_spread' is missing or not a number"));
}
