#include "toolkit/models/conv_autoencoder.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "tests/models/network_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::ConvAutoencoderImpl;
using models::ConvAutoencoderOptions;
using models::InputSpec;
using models::NetworkInput;

namespace {

ConvAutoencoderOptions small_options() {
  return ConvAutoencoderOptions{}.filters({4, 4}).kernel(3).pool_after({1, 2}).dense({16}).latent(8);
}

// Sparse, non-negative "jet images": a few bright pixels near the centre on an empty background.
torch::Tensor jet_like_images(std::int64_t n, std::int64_t size) {
  torch::manual_seed(7);
  auto images = torch::zeros({n, 1, size, size});
  const std::int64_t centre = size / 2;
  images.index_put_({torch::indexing::Slice(), 0, torch::indexing::Slice(centre - 2, centre + 2),
                     torch::indexing::Slice(centre - 2, centre + 2)},
                    torch::rand({n, 4, 4}));
  return images;
}

}  // namespace

TEST_CASE("conv_ae: the default network on 40x40 has the hand-counted 110,698 parameters") {
  // Encoder: conv 1->10 4x4: 170; 10->5: 805; pool 20; 5->5 twice: 405 + 405; pool 10; dense 500->100: 50100;
  // 100->32: 3232. Decoder: 32->100: 3300; 100->500: 50500; conv 5->5 twice: 810; 5->10: 810; 10->1: 161.
  ConvAutoencoderImpl network(ConvAutoencoderOptions{}, testing::image_input(1, 40, 40));
  CHECK(models::count_parameters(network) == 170 + 805 + 405 + 405 + 50100 + 3232 + 3300 + 50500 + 810 + 810 + 161);
}

TEST_CASE("conv_ae: a 25x25 image pooled to 12 and 6 comes back as a non-negative 25x25 reconstruction") {
  ConvAutoencoderImpl network(small_options().pooling("max"), testing::image_input(2, 25, 25));
  const auto reconstruction = network.forward(torch::rand({3, 2, 25, 25}));
  CHECK(reconstruction.sizes() == torch::IntArrayRef({3, 2, 25, 25}));
  CHECK(reconstruction.min().item<float>() >= 0.0f);
  CHECK(network.encode(torch::rand({3, 2, 25, 25})).sizes() == torch::IntArrayRef({3, 8}));
}

TEST_CASE("conv_ae: MSE reconstruction falls in a few steps and the trained network reloads identically") {
  const auto images = jet_like_images(8, 16);
  const NetworkInput input{images, {}, {}};
  torch::manual_seed(1);
  ConvAutoencoderImpl network(small_options(), testing::image_input(1, 16, 16));
  const auto [before, after] = testing::loss_before_and_after_steps(
      network, input, [&](const torch::Tensor& outputs) { return torch::mse_loss(outputs, images); }, 40, 3e-3);
  CHECK(after < 0.7 * before);

  torch::manual_seed(2);
  ConvAutoencoderImpl fresh(small_options(), testing::image_input(1, 16, 16));
  CHECK(testing::reloads_to_identical_outputs(network, fresh, input));
}

TEST_CASE("conv_ae: an image too small for the pooling stack fails at construction with the shapes named") {
  REQUIRE_THROWS_AS(ConvAutoencoderImpl(small_options(), testing::image_input(1, 3, 3)), core::InputError);
  REQUIRE_THROWS_WITH(ConvAutoencoderImpl(small_options(), testing::image_input(1, 3, 3)),
                      Catch::Matchers::StartsWith("conv_ae: a 1x3x3 image does not fit this network: after conv layer "
                                                  "2 and pooling 2 it would be 0x0"));
  ConvAutoencoderImpl network(small_options(), testing::image_input(1, 16, 16));
  REQUIRE_THROWS_WITH(network.forward(torch::zeros({2, 1, 25, 25})),
                      "conv_ae: built for 1x16x16 images, got a batch of shape [2, 1, 25, 25]");
}

TEST_CASE("conv_ae: description names the filters, pooling, bottleneck and output activation") {
  ConvAutoencoderImpl network(small_options(), testing::image_input(1, 16, 16));
  const auto text = network.description();
  CHECK_THAT(text, Catch::Matchers::Contains("on 1x16x16") && Catch::Matchers::Contains("filters [4, 4] kernel 3") &&
                       Catch::Matchers::Contains("average pooling 2 after layers [1, 2]") &&
                       Catch::Matchers::Contains("latent 8") && Catch::Matchers::Contains("relu output"));
}

TEST_CASE("conv_ae: registered as an autoencoder, built from a recipe block with its defaults filled in") {
  CHECK(models::find_architecture("conv_ae").kind == models::NetworkKind::autoencoder);
  auto model = models::find_architecture("conv_ae").options().validate(YAML::Load("{latent: 8}"), "recipe.yaml");
  CHECK(model.at("filters") == nlohmann::json({10, 5, 5, 5}));
  model["arch"] = "conv_ae";
  const auto network = models::make_architecture(model, testing::image_input(1, 16, 16));
  CHECK_THAT(network->description(), Catch::Matchers::Contains("latent 8"));
  CHECK(network->forward(NetworkInput{torch::zeros({1, 1, 16, 16}), {}, {}}).sizes() ==
        torch::IntArrayRef({1, 1, 16, 16}));
}
