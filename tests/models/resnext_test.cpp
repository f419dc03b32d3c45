#include "toolkit/models/resnext.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/models/network_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::InputSpec;
using models::NetworkInput;
using models::ResNeXtImpl;
using models::ResNeXtOptions;

namespace {

// Two groups per stage, one block each, 8 stem filters: small enough to count by hand and to train in a test.
ResNeXtOptions small_options() {
  return ResNeXtOptions{}.cardinality(4).bottleneck_width(16).stages({1, 1}).width_factor(16).stem_filters(8);
}

// Eight 1x16x16 images; signal (label 1) has a hot central 4x4 patch, background a hot corner.
std::pair<NetworkInput, torch::Tensor> labelled_images() {
  torch::manual_seed(7);
  auto images = 0.1 * torch::rand({8, 1, 16, 16});
  const auto labels = torch::tensor({1, 0, 1, 0, 1, 0, 1, 0}, torch::kFloat32);
  for (int i = 0; i < 8; ++i) {
    if (labels[i].item<float>() > 0.5)
      images.index({i, 0, torch::indexing::Slice(6, 10), torch::indexing::Slice(6, 10)}) += 1.0;
    else
      images.index({i, 0, torch::indexing::Slice(0, 4), torch::indexing::Slice(0, 4)}) += 1.0;
  }
  return {NetworkInput{images, {}, {}}, labels};
}

}  // namespace

TEST_CASE("resnext: a small grouped network has the hand-counted 1,661 parameters") {
  // Convolutions have no bias; each batch norm has a weight and a bias per channel.
  // stem conv 1->8 (3x3): 72, BN 16                                                              -> 88
  // stage 1 (in 8, 3x3 width 4*16/16 = 4 in 4 groups, out 256/16 = 16, stride 1):
  //   1x1 8->4: 32, BN 8; grouped 3x3 4->4 in 4 groups: 4*1*9 = 36, BN 8; 1x1 4->16: 64, BN 32;
  //   shortcut 1x1 8->16: 128, BN 32                                                             -> 340
  // stage 2 (in 16, width 8 in 4 groups, out 32, stride 2):
  //   1x1 16->8: 128, BN 16; grouped 3x3: 8*2*9 = 144, BN 16; 1x1 8->32: 256, BN 64;
  //   shortcut 16->32: 512, BN 64                                                                -> 1200
  // dense 32->1: 33.
  ResNeXtImpl network(small_options(), testing::image_input(1, 16, 16));
  CHECK(models::count_parameters(network) == 88 + 340 + 1200 + 33);
}

TEST_CASE("resnext: the landscape configuration splits every 3x3 convolution into 32 groups of width 2^stage") {
  // ResNeXt-50 32x4d with filters divided by 4: 3x3 widths 32, 64, 128, 256 -> 1, 2, 4, 8 filters per group.
  ResNeXtImpl network(ResNeXtOptions{}, testing::image_input(1, 40, 40));
  const auto parameters = network.named_parameters();
  CHECK(parameters["tower.stages.0.residual.3.weight"].sizes() == torch::IntArrayRef({32, 1, 3, 3}));
  CHECK(parameters["tower.stages.3.residual.3.weight"].sizes() == torch::IntArrayRef({64, 2, 3, 3}));
  CHECK(parameters["tower.stages.7.residual.3.weight"].sizes() == torch::IntArrayRef({128, 4, 3, 3}));
  CHECK(parameters["tower.stages.13.residual.3.weight"].sizes() == torch::IntArrayRef({256, 8, 3, 3}));
  CHECK(parameters["head.weight"].sizes() == torch::IntArrayRef({1, 512}));  // 2048 / 4 features pooled
}

TEST_CASE("resnext: a few Adam steps lower the BCE, and a reloaded checkpoint gives identical logits") {
  const auto [input, labels] = labelled_images();
  ResNeXtImpl network(small_options().dropout(0.2), testing::image_input(1, 16, 16));
  const auto bce = [&](const torch::Tensor& logits) {
    return torch::binary_cross_entropy_with_logits(logits, labels);
  };
  const auto [before, after] = testing::loss_before_and_after_steps(network, input, bce, 40, 3e-3);
  CHECK(after < 0.8 * before);  // eval mode: batch norm uses running statistics still catching up

  torch::manual_seed(99);
  ResNeXtImpl fresh(small_options().dropout(0.2), testing::image_input(1, 16, 16));
  CHECK(testing::reloads_to_identical_outputs(network, fresh, input));
}

TEST_CASE("resnext: K classes give K logits per image") {
  ResNeXtImpl network(small_options(), testing::image_input(1, 16, 16, 3));
  network.eval();
  CHECK(network.forward(NetworkInput{torch::zeros({5, 1, 16, 16}), {}, {}}).sizes() == torch::IntArrayRef({5, 3}));
}

TEST_CASE("resnext: too many stride-2 stages for an 8x8 image fail at construction with the shapes named") {
  const auto options = small_options().stages({1, 1, 1, 1, 1});
  REQUIRE_THROWS_AS(ResNeXtImpl(options, testing::image_input(1, 8, 8)), core::InputError);
  REQUIRE_THROWS_WITH(
      ResNeXtImpl(options, testing::image_input(1, 8, 8)),
      Catch::Matchers::StartsWith("resnext: a 1x8x8 image does not fit this network: stage 5 (stride 2) halves the "
                                  "image, but after the stem conv (3x3, stride 1), stage 2 (stride 2), stage 3 "
                                  "(stride 2), stage 4 (stride 2) it is already 1x1"));
}

TEST_CASE("resnext: a width that cannot be split into the cardinality's groups is an input error") {
  // 3x3 width of stage 1: 32 * 4 / 64 = 2 filters, fewer than 32 groups.
  REQUIRE_THROWS_WITH(ResNeXtImpl(ResNeXtOptions{}.width_factor(64), testing::image_input(1, 16, 16)),
                      Catch::Matchers::StartsWith("resnext: stage 1 would have 2 filters in its 3x3 convolution, "
                                                  "which cannot be split into 32 groups"));
}

TEST_CASE("resnext: built by name from the recipe schema's defaults, its description names the key options") {
  auto model = models::resnext_options_schema().validate(YAML::Load("{stages: [1, 1], dropout: 0.5}"), "model.yaml");
  model["arch"] = "resnext";
  const auto network = models::make_architecture(model, testing::image_input(1, 16, 16));
  CHECK(models::find_architecture("resnext").kind == models::NetworkKind::scorer);
  CHECK(network->description() ==
        "ResNeXt on 1x16x16: cardinality 32, bottleneck_width 4, stages [1, 1], width_factor 4, stem 64 filters 3x3 "
        "stride 1, dropout 0.5, 1 output(s)");
}
