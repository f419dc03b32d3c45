#include "toolkit/models/deeptop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::DeepTopImpl;
using models::DeepTopOptions;
using models::InputSpec;

TEST_CASE("deeptop: the 2017 network on 40x40 has the hand-counted 159,649 parameters") {
  // conv 1->8 (4x4): 136; three conv 8->8: 3 x 1032; 40 -> 39 -> 38 -> pool 19 -> 18 -> 17, flatten 8*17*17 = 2312;
  // dense 2312->64: 148032; 64->64 twice: 8320; 64->1: 65.
  DeepTopImpl network(DeepTopOptions{}, InputSpec{1, 40, 40});
  CHECK(models::count_parameters(network) == 159649);
}

TEST_CASE("deeptop: one logit per image") {
  DeepTopImpl network(DeepTopOptions{}, InputSpec{2, 25, 25});
  const auto logits = network.forward(torch::zeros({5, 2, 25, 25}));
  CHECK(logits.sizes() == torch::IntArrayRef({5}));
}

TEST_CASE("deeptop: an image too small for the pooling stack fails at construction with the shapes named") {
  // 12 -> conv 9 -> pool 4 -> conv 1 -> pool 0: the second layer already has nothing left.
  const auto options = DeepTopOptions{}.filters({8, 8, 8, 8}).padding(0).pool_after({1, 2, 3, 4});
  REQUIRE_THROWS_AS(DeepTopImpl(options, InputSpec{1, 12, 12}), core::InputError);
  REQUIRE_THROWS_WITH(DeepTopImpl(options, InputSpec{1, 12, 12}),
                      Catch::Matchers::Contains("1x12x12 image does not fit") &&
                          Catch::Matchers::Contains("after conv layer 2 (kernel 4, padding 0, then max-pool 2) it would be 0x0"));
}

TEST_CASE("deeptop: pool_after naming a layer that does not exist is an input error") {
  REQUIRE_THROWS_WITH(DeepTopImpl(DeepTopOptions{}.pool_after({5}), InputSpec{1, 40, 40}),
                      "deeptop: model.pool_after names conv layer 5, but there are 4 conv layers");
}

TEST_CASE("builtin: architectures are built by name from validated options, a typo suggests the name") {
  const auto model = nlohmann::json::parse(
      R"({"arch": "deeptop", "filters": [4, 4], "kernel": 3, "padding": 1, "pool_after": [1], "pool": 2,
          "dense": [16], "dropout": 0.1})");
  const auto network = models::make_architecture(model, InputSpec{1, 16, 16});
  // conv 1->4 (3x3): 40; conv 4->4: 148; 16 -> pool 8 -> 8, flatten 4*8*8 = 256; dense 256->16: 4112; 16->1: 17.
  CHECK(models::count_parameters(*network) == 40 + 148 + 4112 + 17);
  REQUIRE_THROWS_WITH(models::make_architecture({{"arch", "deeptp"}}, InputSpec{}),
                      "unknown architecture 'deeptp'; did you mean 'deeptop'?");
}
