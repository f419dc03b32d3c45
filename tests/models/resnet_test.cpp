#include "toolkit/models/resnet.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/models/network_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::InputSpec;
using models::NetworkInput;
using models::ResNetImpl;
using models::ResNetOptions;

namespace {

// ResNet-50's shape with every filter count divided by 16, two stages, an 8-filter stem without stride or pool.
ResNetOptions reduced_options() {
  return ResNetOptions{}.stages({1, 1}).width_factor(16).stem_filters(8).stem_kernel(3).stem_stride(1).stem_pool(false);
}

// Parameters of one bottleneck block (bias-free convs, 2 per batch-norm channel), with or without the projection.
constexpr std::int64_t bottleneck(std::int64_t in, std::int64_t width, std::int64_t out, bool projected) {
  return in * width + 9 * width * width + width * out + 2 * (2 * width + out) + (projected ? in * out + 2 * out : 0);
}

}  // namespace

TEST_CASE("resnet: full-size ResNet-50 on 3-channel images with one logit has 23,510,081 parameters") {
  // stem 7x7 3->64 and its batch norm, then [3, 4, 6, 3] blocks of widths 64..512 (outputs 4x), then 2048->1.
  constexpr std::int64_t stem = 3 * 64 * 49 + 2 * 64;
  constexpr std::int64_t stages = bottleneck(64, 64, 256, true) + 2 * bottleneck(256, 64, 256, false) +
                                  bottleneck(256, 128, 512, true) + 3 * bottleneck(512, 128, 512, false) +
                                  bottleneck(512, 256, 1024, true) + 5 * bottleneck(1024, 256, 1024, false) +
                                  bottleneck(1024, 512, 2048, true) + 2 * bottleneck(2048, 512, 2048, false);
  static_assert(stem + stages + 2049 == 23510081);  // torchvision's 25,557,032 less its 1000-class head (2,049,000)
  ResNetImpl network(ResNetOptions{}, testing::image_input(3, 224, 224));
  CHECK(models::count_parameters(network) == stem + stages + 2049);
}

TEST_CASE("resnet: a reduced-width ResNet trains a few steps and reloads to identical logits") {
  torch::manual_seed(3);
  auto images = 0.1 * torch::rand({8, 3, 16, 16});
  const auto labels = torch::tensor({1, 1, 0, 0, 1, 0, 1, 0}, torch::kFloat32);
  // Signal: a hot channel 0 core; background: a hot channel 2 ring at the edge.
  for (int i = 0; i < 8; ++i) {
    if (labels[i].item<float>() > 0.5)
      images.index({i, 0, torch::indexing::Slice(6, 10), torch::indexing::Slice(6, 10)}) += 1.0;
    else
      images.index({i, 2, torch::indexing::Slice(0, 2)}) += 1.0;
  }
  const NetworkInput input{images, {}, {}};
  ResNetImpl network(reduced_options(), testing::image_input(3, 16, 16));
  // conv 3->8 3x3 + BN; stage 1: width 4, out 16; stage 2: width 8, out 32; head 32->1.
  CHECK(models::count_parameters(network) ==
        3 * 8 * 9 + 16 + bottleneck(8, 4, 16, true) + bottleneck(16, 8, 32, true) + 33);
  const auto bce = [&](const torch::Tensor& logits) {
    return torch::binary_cross_entropy_with_logits(logits, labels);
  };
  const auto [before, after] = testing::loss_before_and_after_steps(network, input, bce, 40, 3e-3);
  CHECK(after < 0.7 * before);

  torch::manual_seed(11);
  ResNetImpl fresh(reduced_options(), testing::image_input(3, 16, 16));
  CHECK(testing::reloads_to_identical_outputs(network, fresh, input));
}

TEST_CASE("resnet: the ImageNet stem and four stages do not fit an 8x8 image, and the message follows the halvings") {
  REQUIRE_THROWS_AS(ResNetImpl(ResNetOptions{}, testing::image_input(3, 8, 8)), core::InputError);
  REQUIRE_THROWS_WITH(
      ResNetImpl(ResNetOptions{}, testing::image_input(3, 8, 8)),
      Catch::Matchers::StartsWith("resnet50: a 3x8x8 image does not fit this network: stage 3 (stride 2) halves the "
                                  "image, but after the stem conv (7x7, stride 2), the stem max-pool (3x3, stride 2), "
                                  "stage 2 (stride 2) it is already 1x1"));
}

TEST_CASE("resnet: a width factor that does not divide 64 is an input error") {
  REQUIRE_THROWS_WITH(ResNetImpl(ResNetOptions{}.width_factor(3), testing::image_input(3, 32, 32)),
                      "resnet50: model.width_factor must divide 64 (the first stage's width), got 3");
}

TEST_CASE("resnet: built by name with the schema defaults it gives K logits for K classes, its description names the options") {
  auto model = models::resnet_options_schema().validate(
      YAML::Load("{stages: [1, 1], width_factor: 16, stem_filters: 8, stem_kernel: 3, stem_pool: false}"), "m.yaml");
  model["arch"] = "resnet50";
  const auto network = models::make_architecture(model, testing::image_input(4, 32, 32, 3));
  network->eval();
  CHECK(network->forward(NetworkInput{torch::zeros({2, 4, 32, 32}), {}, {}}).sizes() == torch::IntArrayRef({2, 3}));
  CHECK(network->description() ==
        "ResNet (bottleneck blocks) on 4x32x32: stages [1, 1], width_factor 16, stem 8 filters 3x3 stride 2, "
        "dropout 0, 3 output(s)");
}
