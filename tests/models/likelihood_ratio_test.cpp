#include "toolkit/models/likelihood_ratio.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "tests/models/network_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::InputSpec;
using models::LikelihoodRatioImpl;
using models::LikelihoodRatioOptions;
using models::NetworkInput;

namespace {

InputSpec observers(std::vector<std::string> names) {
  InputSpec spec;
  spec.features = std::move(names);
  spec.feature_mean.assign(spec.features.size(), 0.0f);
  spec.feature_std.assign(spec.features.size(), 1.0f);
  return spec;
}

std::vector<double> to_vector(const torch::Tensor& tensor) {
  const auto flat = tensor.to(torch::kFloat64).contiguous();
  return {flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel()};
}

// Two classes in the plane: background N((0, 0), 1), signal N((1, 1), 1). Their true log likelihood ratio is
// x + y - 1, so the best possible score ranks jets by x + y.
std::pair<torch::Tensor, torch::Tensor> gaussian_classes(std::int64_t per_class) {
  const auto background = torch::randn({per_class, 2}, torch::kFloat64);
  const auto signal = torch::randn({per_class, 2}, torch::kFloat64) + 1.0;
  const auto labels = torch::cat({torch::zeros({per_class}), torch::ones({per_class})});
  return {torch::cat({background, signal}).to(torch::kFloat32), labels};
}

}  // namespace

TEST_CASE("likelihood: on a hand-made 1-D sample each bin holds log(p_S/p_B) with half a jet added per bin") {
  // Range [0, 4], 4 bins. Signal has 0, 1, 2, 3 jets in the bins, background 3, 2, 1, 0 (6 jets each).
  // p_S = (n_S + 0.5) / (6 + 4 x 0.5) = 0.5/8, 1.5/8, 2.5/8, 3.5/8; p_B the reverse.
  const auto x = torch::tensor({1.5f, 2.5f, 2.2f, 3.5f, 3.1f, 3.9f, 0.5f, 0.1f, 0.9f, 1.5f, 1.7f, 2.5f}).unsqueeze(1);
  const auto labels = torch::tensor({1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0}, torch::kFloat32);
  LikelihoodRatioImpl network(LikelihoodRatioOptions{}.inputs({"mass"}).bins(4).range({{0.0, 4.0}}),
                              observers({"mass"}));
  REQUIRE_FALSE(network.learns_by_gradient());
  CHECK(models::count_parameters(network) == 0);

  SECTION("unit weights") { network.fit_directly(NetworkInput{{}, {}, x}, labels, torch::ones({12})); }
  SECTION("signal weighted 2: the pseudo-count follows the mean weight, so the ratios do not change") {
    network.fit_directly(NetworkInput{{}, {}, x}, labels, torch::where(labels > 0.5, 2.0, 1.0));
  }
  const auto log_ratio = to_vector(network.log_ratio());
  REQUIRE(log_ratio.size() == 4);
  CHECK(log_ratio[0] == Approx(std::log(0.5 / 3.5)));
  CHECK(log_ratio[1] == Approx(std::log(1.5 / 2.5)));
  CHECK(log_ratio[2] == Approx(std::log(2.5 / 1.5)));
  CHECK(log_ratio[3] == Approx(std::log(3.5 / 0.5)));

  // Values outside the range are scored by the edge bins.
  network.eval();
  const auto scores = to_vector(network.forward(NetworkInput{{}, {}, torch::tensor({-3.0f, 1.2f, 40.0f}).unsqueeze(1)}));
  CHECK(scores[0] == Approx(std::log(0.5 / 3.5)));
  CHECK(scores[1] == Approx(std::log(1.5 / 2.5)));
  CHECK(scores[2] == Approx(std::log(3.5 / 0.5)));
}

TEST_CASE("likelihood: the 2-D binned ratio of two Gaussian classes is as good as the true ratio (AUC within 0.01)") {
  torch::manual_seed(2024);
  const auto [train_x, train_labels] = gaussian_classes(20000);
  const auto [test_x, test_labels] = gaussian_classes(20000);
  LikelihoodRatioImpl network(LikelihoodRatioOptions{}.inputs({"x", "y"}), observers({"x", "y"}));
  network.fit_directly(NetworkInput{{}, {}, train_x}, train_labels, torch::ones({40000}));
  REQUIRE(network.log_ratio().sizes() == torch::IntArrayRef({20, 20}));

  network.eval();
  const auto labels = to_vector(test_labels);
  const double binned = metrics::auc(metrics::roc_curve(to_vector(network.forward(NetworkInput{{}, {}, test_x})), labels));
  const double truth = metrics::auc(metrics::roc_curve(to_vector(test_x.sum(1)), labels));
  CHECK(truth == Approx(0.841).margin(0.01));  // Phi(|mu_S - mu_B| / sqrt 2) = Phi(1)
  CHECK(std::abs(binned - truth) < 0.01);
}

TEST_CASE("likelihood: without a range the training split's 0.5% and 99.5% quantiles bound the bins") {
  torch::manual_seed(1);
  const auto x = torch::rand({20000, 1});
  const auto labels = (torch::rand({20000}) < 0.5).to(torch::kFloat32);
  LikelihoodRatioImpl network(LikelihoodRatioOptions{}.inputs({"tau32"}), observers({"tau32"}));
  network.fit_directly(NetworkInput{{}, {}, x}, labels, torch::ones({20000}));
  const auto ranges = to_vector(network.ranges());
  CHECK(ranges[0] == Approx(0.005).margin(0.002));
  CHECK(ranges[1] == Approx(0.995).margin(0.002));
  CHECK(network.description() ==
        fmt::format("binned likelihood ratio log(p_S/p_B) of [\"tau32\"]: 20 bins per axis, tau32 in [{:.4g}, {:.4g}], "
                    "pseudo-count 0.5 jets per bin",
                    ranges[0], ranges[1]));
}

TEST_CASE("likelihood: a fitted ratio saved and loaded into an unfitted one scores identically") {
  torch::manual_seed(8);
  const auto [x, labels] = gaussian_classes(500);
  LikelihoodRatioImpl fitted(LikelihoodRatioOptions{}.inputs({"mass", "tau32"}).bins(8), observers({"mass", "tau32"}));
  fitted.fit_directly(NetworkInput{{}, {}, x}, labels, torch::ones({1000}));
  LikelihoodRatioImpl fresh(LikelihoodRatioOptions{}.inputs({"mass", "tau32"}).bins(8), observers({"mass", "tau32"}));
  CHECK(testing::reloads_to_identical_outputs(fitted, fresh, NetworkInput{{}, {}, x}));
  CHECK(torch::equal(fresh.ranges(), fitted.ranges()));
}

TEST_CASE("likelihood: bad inputs name what is wrong") {
  REQUIRE_THROWS_WITH(LikelihoodRatioImpl(LikelihoodRatioOptions{}.inputs({"a", "b", "c"}), observers({"a", "b", "c"})),
                      "likelihood: model.inputs must name one or two observers, got [\"a\", \"b\", \"c\"]");
  REQUIRE_THROWS_WITH(LikelihoodRatioImpl(LikelihoodRatioOptions{}.inputs({"mass"}), InputSpec{}),
                      "likelihood: the model reads observers [\"mass\"], but the dataset gives []; list them in "
                      "data.observers");
  REQUIRE_THROWS_WITH(
      LikelihoodRatioImpl(LikelihoodRatioOptions{}.inputs({"mass"}).range({{300.0, 0.0}}), observers({"mass"})),
      "likelihood: model.range of mass must have low < high, got [300, 0]");
  LikelihoodRatioImpl network(LikelihoodRatioOptions{}.inputs({"mass"}), observers({"mass"}));
  REQUIRE_THROWS_WITH(network.fit_directly(NetworkInput{{}, {}, torch::rand({4, 1})}, torch::zeros({4}), torch::ones({4})),
                      "likelihood: the training split has 0 signal and 4 background jets; the likelihood ratio needs "
                      "both");
}

TEST_CASE("likelihood: built by name from the schema with an explicit range and the description shows it") {
  auto model = models::likelihood_ratio_options_schema().validate(
      YAML::Load("{inputs: [mass, tau32], bins: 10, range: [[0, 300], [0, 1]]}"), "m.yaml");
  model["arch"] = "likelihood";
  const auto network = models::make_architecture(model, observers({"mass", "tau32"}));
  CHECK_FALSE(network->learns_by_gradient());
  CHECK(network->description() ==
        "binned likelihood ratio log(p_S/p_B) of [\"mass\", \"tau32\"]: 10 bins per axis, mass in [0, 300], tau32 in "
        "[0, 1], pseudo-count 0.5 jets per bin");
}
