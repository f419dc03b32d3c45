#include "toolkit/models/dense_network.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/models/network_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::DenseNetworkImpl;
using models::DenseNetworkOptions;
using models::InputSpec;
using models::NetworkInput;

namespace {

InputSpec mass_and_tau32(std::vector<float> mean = {175.0f, 0.6f}, std::vector<float> spread = {40.0f, 0.15f}) {
  InputSpec spec;
  spec.features = {"mass", "tau32"};
  spec.feature_mean = std::move(mean);
  spec.feature_std = std::move(spread);
  return spec;
}

DenseNetworkOptions small_options() { return DenseNetworkOptions{}.inputs({"mass", "tau32"}).layers({16, 16}); }

}  // namespace

TEST_CASE("dense: the CMS Open Data baseline (5 x 500, dropout 0.5) on two observers has 1,004,001 parameters") {
  // 2->500: 1500; four 500->500: 4 x 250,500; 500->1: 501.
  DenseNetworkImpl network(small_options().layers({500, 500, 500, 500, 500}).dropout(0.5), mass_and_tau32());
  CHECK(models::count_parameters(network) == 1500 + 4 * 250500 + 501);
}

TEST_CASE("dense: observers are standardised by buffers, a constant one is shifted but not divided") {
  DenseNetworkImpl network(small_options(), mass_and_tau32({175.0f, 0.6f}, {40.0f, 0.0f}));
  const auto buffers = network.named_buffers();
  CHECK(torch::equal(buffers["feature_mean"], torch::tensor({175.0f, 0.6f})));
  CHECK(torch::equal(buffers["feature_std"], torch::tensor({40.0f, 1.0f})));
}

TEST_CASE("dense: tops (high mass, low tau32) are learnt with a falling loss and reload restores weights and scaling") {
  torch::manual_seed(2);
  const auto labels = torch::tensor({1, 0, 1, 0, 1, 0, 1, 0}, torch::kFloat32);
  const auto mass = torch::where(labels > 0.5, torch::full({8}, 172.0f), torch::full({8}, 60.0f)) + 10 * torch::randn({8});
  const auto tau32 = torch::where(labels > 0.5, torch::full({8}, 0.5f), torch::full({8}, 0.8f)) + 0.05 * torch::randn({8});
  const NetworkInput input{{}, {}, torch::stack({mass, tau32}, 1)};

  DenseNetworkImpl network(small_options().dropout(0.1), mass_and_tau32());
  const auto bce = [&](const torch::Tensor& logits) {
    return torch::binary_cross_entropy_with_logits(logits, labels);
  };
  const auto [before, after] = testing::loss_before_and_after_steps(network, input, bce, 30, 1e-2);
  CHECK(after < 0.5 * before);

  // The fresh network was told another scaling: identical outputs prove the checkpoint carries the buffers.
  DenseNetworkImpl fresh(small_options().dropout(0.1), mass_and_tau32({0.0f, 0.0f}, {1.0f, 1.0f}));
  CHECK(testing::reloads_to_identical_outputs(network, fresh, input));
}

TEST_CASE("dense: a dataset without the named observers is an input error pointing at data.observers") {
  REQUIRE_THROWS_WITH(DenseNetworkImpl(small_options(), InputSpec{}),
                      "dense: the dataset offers no observer features, but the model reads [\"mass\", \"tau32\"]; "
                      "list them in data.observers");
  auto other = mass_and_tau32();
  other.features = {"mass", "tau21"};
  REQUIRE_THROWS_WITH(DenseNetworkImpl(small_options(), other),
                      "dense: the model reads observers [\"mass\", \"tau32\"], but the dataset gives [\"mass\", \"tau21\"]");
}

TEST_CASE("dense: the schema requires `inputs`, and the network built by name describes its inputs and layers") {
  REQUIRE_THROWS_WITH(models::dense_network_options_schema().validate(YAML::Load("{layers: [8]}"), "m.yaml"),
                      Catch::Matchers::Contains("inputs"));
  auto model = models::dense_network_options_schema().validate(YAML::Load("{inputs: [mass, tau32]}"), "m.yaml");
  model["arch"] = "dense";
  const auto network = models::make_architecture(model, mass_and_tau32());
  CHECK(network->description() ==
        "dense network on observers [\"mass\", \"tau32\"]: layers [64, 64], dropout 0, standardised inputs, 1 output(s)");
}
