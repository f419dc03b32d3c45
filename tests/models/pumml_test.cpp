#include "toolkit/models/pumml.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "tests/models/network_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::InputSpec;
using models::NetworkInput;
using models::PummlImpl;
using models::PummlOptions;

TEST_CASE("pumml: three channels in, one non-negative channel out on the same grid, 2011 parameters by hand") {
  // conv 3->10 6x6: 1090; 10->10 3x3: 910; 1x1 projection 10->1: 11.
  PummlImpl network(PummlOptions{}, testing::image_input(3, 16, 16));
  CHECK(models::count_parameters(network) == 1090 + 910 + 11);
  const auto prediction = network.forward(torch::rand({4, 3, 16, 16}));
  CHECK(prediction.sizes() == torch::IntArrayRef({4, 1, 16, 16}));
  CHECK(prediction.min().item<float>() >= 0.0f);
}

TEST_CASE("pumml: learns the neutral hard-scatter pixels with a falling MSE and reloads identically") {
  // A toy event region: the hard-scatter neutral pT is 60 % of the total neutral pT where hard-scatter charged pT
  // is present, and none where only pile-up is.
  torch::manual_seed(11);
  const auto charged_hard = (torch::rand({8, 1, 12, 12}) > 0.7).to(torch::kFloat32) * torch::rand({8, 1, 12, 12});
  const auto charged_pileup = (torch::rand({8, 1, 12, 12}) > 0.7).to(torch::kFloat32) * torch::rand({8, 1, 12, 12});
  const auto neutral_total = torch::rand({8, 1, 12, 12});
  const auto target = 0.6 * neutral_total * (charged_hard > 0).to(torch::kFloat32);
  const NetworkInput input{torch::cat({charged_hard, charged_pileup, neutral_total}, 1), {}, {}};

  const auto options = PummlOptions{}.filters({8, 8}).kernels({3, 3});
  PummlImpl network(options, testing::image_input(3, 12, 12));
  const auto [before, after] = testing::loss_before_and_after_steps(
      network, input, [&](const torch::Tensor& outputs) { return torch::mse_loss(outputs, target); }, 40, 1e-2);
  CHECK(after < 0.5 * before);

  torch::manual_seed(12);
  PummlImpl fresh(options, testing::image_input(3, 12, 12));
  CHECK(testing::reloads_to_identical_outputs(network, fresh, input));
}

TEST_CASE("pumml: one input channel, a kernel wider than the image, a wrongly shaped batch are input errors") {
  REQUIRE_THROWS_AS(PummlImpl(PummlOptions{}, testing::image_input(1, 16, 16)), core::InputError);
  REQUIRE_THROWS_WITH(PummlImpl(PummlOptions{}, testing::image_input(1, 16, 16)),
                      Catch::Matchers::StartsWith("pumml: the dataset's images are 1x16x16, but PUMML needs at least "
                                                  "2 channels"));
  REQUIRE_THROWS_WITH(PummlImpl(PummlOptions{}, testing::image_input(3, 5, 5)),
                      "pumml: conv layer 1 has a 6x6 kernel, larger than the 3x5x5 images");
  PummlImpl network(PummlOptions{}, testing::image_input(3, 16, 16));
  REQUIRE_THROWS_WITH(network.forward(torch::zeros({2, 2, 16, 16})),
                      "pumml: built for 3x16x16 images, got a batch of shape [2, 2, 16, 16]");
}

TEST_CASE("pumml: registered as a pixel regressor, description names the layers") {
  CHECK(models::find_architecture("pumml").kind == models::NetworkKind::pixel_regressor);
  auto model = models::find_architecture("pumml").options().validate(YAML::Load("{}"), "recipe.yaml");
  model["arch"] = "pumml";
  const auto network = models::make_architecture(model, testing::image_input(3, 16, 16));
  CHECK(network->description() ==
        "PUMML on 3x16x16 -> 1x16x16: conv filters [10, 10] kernels [6, 3] (same size, ReLU), 1x1 ReLU projection "
        "to one channel");
}
