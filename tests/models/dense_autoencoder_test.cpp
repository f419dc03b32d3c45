#include "toolkit/models/dense_autoencoder.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "tests/models/network_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::DenseAutoencoderImpl;
using models::DenseAutoencoderOptions;
using models::InputSpec;
using models::NetworkInput;

TEST_CASE("dense_ae: flatten 16 pixels, 8, latent 2 and back: 322 parameters counted by hand") {
  // 16->8: 136; 8->2: 18; 2->8: 24; 8->16: 144.
  DenseAutoencoderImpl network(DenseAutoencoderOptions{}.dense({8}).latent(2), testing::image_input(1, 4, 4));
  CHECK(models::count_parameters(network) == 136 + 18 + 24 + 144);
  const auto reconstruction = network.forward(torch::rand({5, 1, 4, 4}));
  CHECK(reconstruction.sizes() == torch::IntArrayRef({5, 1, 4, 4}));
  CHECK(reconstruction.min().item<float>() >= 0.0f);
  CHECK(network.encode(torch::rand({5, 1, 4, 4})).sizes() == torch::IntArrayRef({5, 2}));
}

TEST_CASE("dense_ae: MSE reconstruction falls in a few steps and the trained network reloads identically") {
  // Sparse, non-negative "jet images": a 4x4 core of random pixels in an empty 16x16 image.
  torch::manual_seed(3);
  auto images = torch::zeros({8, 1, 16, 16});
  images.index_put_({torch::indexing::Slice(), 0, torch::indexing::Slice(6, 10), torch::indexing::Slice(6, 10)},
                    torch::rand({8, 4, 4}));
  const NetworkInput input{images, {}, {}};
  const auto options = DenseAutoencoderOptions{}.dense({32}).latent(8);
  DenseAutoencoderImpl network(options, testing::image_input(1, 16, 16));
  const auto [before, after] = testing::loss_before_and_after_steps(
      network, input, [&](const torch::Tensor& outputs) { return torch::mse_loss(outputs, images); }, 40, 3e-3);
  CHECK(after < 0.5 * before);

  torch::manual_seed(4);
  DenseAutoencoderImpl fresh(options, testing::image_input(1, 16, 16));
  CHECK(testing::reloads_to_identical_outputs(network, fresh, input));
}

TEST_CASE("dense_ae: images of another shape than the dataset's are an input error naming both") {
  DenseAutoencoderImpl network(DenseAutoencoderOptions{}.dense({8}).latent(2), testing::image_input(1, 16, 16));
  REQUIRE_THROWS_AS(network.forward(torch::zeros({2, 1, 16, 15})), core::InputError);
  REQUIRE_THROWS_WITH(network.forward(torch::zeros({2, 1, 16, 15})),
                      "dense_ae: built for 1x16x16 images, got a batch of shape [2, 1, 16, 15]");
  REQUIRE_THROWS_WITH(DenseAutoencoderImpl(DenseAutoencoderOptions{}.output("sigmoid"), testing::image_input(1, 16, 16)),
                      "dense_ae: model.output must be one of relu, softplus, linear, got 'sigmoid'");
}

TEST_CASE("dense_ae: registered as an autoencoder, description names widths, bottleneck and output") {
  CHECK(models::find_architecture("dense_ae").kind == models::NetworkKind::autoencoder);
  auto model = models::find_architecture("dense_ae").options().validate(YAML::Load("{output: linear}"), "recipe.yaml");
  CHECK(model.at("dense") == nlohmann::json({256, 64}));
  model["arch"] = "dense_ae";
  const auto network = models::make_architecture(model, testing::image_input(1, 8, 8));
  CHECK(network->description() ==
        "dense autoencoder on 1x8x8: flatten, dense [256, 64], latent 32, mirrored decoder, linear output");
}
