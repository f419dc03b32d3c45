#include "toolkit/models/minibatch_discrimination.h"

#include <catch2/catch.hpp>

#include <cmath>

#include "toolkit/core/error.h"

using namespace jetstudy;
using models::MinibatchDiscrimination;
using models::MinibatchDiscriminationOptions;

TEST_CASE("minibatch_discrimination: two samples by hand, o_b = 1 + exp(-L1 distance) for both") {
  // T = identity: M_i = x_i. Two kernels of one number each: kernel 0 sees x[0], kernel 1 sees x[1].
  MinibatchDiscrimination layer(MinibatchDiscriminationOptions(2, 2, 1));
  {
    torch::NoGradGuard no_grad;
    layer->T.copy_(torch::eye(2));
  }
  const auto x = torch::tensor({{0.0f, 0.0f}, {1.0f, 2.0f}});
  const auto o = layer->forward(x);
  REQUIRE(o.sizes() == torch::IntArrayRef({2, 2}));
  // Kernel 0: |0 - 1| = 1; kernel 1: |0 - 2| = 2; the j = i term adds exp(0) = 1.
  CHECK(o[0][0].item<double>() == Approx(1 + std::exp(-1.0)));
  CHECK(o[0][1].item<double>() == Approx(1 + std::exp(-2.0)));
  CHECK(o[1][0].item<double>() == Approx(1 + std::exp(-1.0)));
  CHECK(o[1][1].item<double>() == Approx(1 + std::exp(-2.0)));
}

TEST_CASE("minibatch_discrimination: one kernel of two numbers sums the L1 distance over them") {
  MinibatchDiscrimination layer(MinibatchDiscriminationOptions(2, 1, 2));
  {
    torch::NoGradGuard no_grad;
    layer->T.copy_(torch::eye(2));
  }
  const auto o = layer->forward(torch::tensor({{0.0f, 0.0f}, {1.0f, 2.0f}}));
  REQUIRE(o.sizes() == torch::IntArrayRef({2, 1}));
  CHECK(o[0][0].item<double>() == Approx(1 + std::exp(-3.0)));
  CHECK(o[1][0].item<double>() == Approx(1 + std::exp(-3.0)));
}

TEST_CASE("minibatch_discrimination: a collapsed batch of N identical samples gives N, distinct far ones give 1") {
  torch::manual_seed(2);
  MinibatchDiscrimination layer(MinibatchDiscriminationOptions(4, 3, 5));
  const auto collapsed = layer->forward(torch::ones({5, 4}));
  CHECK(torch::allclose(collapsed, torch::full({5, 3}, 5.0f)));
  // Samples 1000 apart in every feature: every cross term exp(-L1) underflows to 0.
  const auto spread = layer->forward(torch::arange(3).to(torch::kFloat32).unsqueeze(1).expand({3, 4}) * 1000);
  CHECK(torch::allclose(spread, torch::ones({3, 3})));
}

TEST_CASE("minibatch_discrimination: T learns, and features of the wrong width name the shapes") {
  torch::manual_seed(1);
  MinibatchDiscrimination layer(MinibatchDiscriminationOptions(3, 2, 2));
  CHECK(layer->T.sizes() == torch::IntArrayRef({3, 4}));
  layer->forward(torch::randn({4, 3})).sum().backward();
  REQUIRE(layer->T.grad().defined());
  CHECK(layer->T.grad().abs().sum().item<double>() > 0);
  REQUIRE_THROWS_AS(layer->forward(torch::zeros({4, 5})), core::InputError);
  REQUIRE_THROWS_WITH(layer->forward(torch::zeros({4, 5})),
                      "minibatch discrimination: expects [N, 3] features, got [4, 5]");
}
