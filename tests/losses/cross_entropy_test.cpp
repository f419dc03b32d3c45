#include "toolkit/losses/cross_entropy.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace jetstudy;
using losses::CrossEntropy;

TEST_CASE("cross_entropy: -log softmax of the true class, weighted over jets") {
  const auto logits = torch::tensor({{1.0f, 2.0f, 0.0f}, {0.0f, 0.0f, 0.0f}});
  const auto classes = torch::tensor({1.0f, 2.0f});
  const double denominator = std::exp(1.0) + std::exp(2.0) + 1.0;
  const double first = -std::log(std::exp(2.0) / denominator), second = std::log(3.0);
  CHECK(CrossEntropy()({logits, classes, {}, {}}).item<double>() == Approx((first + second) / 2).epsilon(1e-6));
  CHECK(CrossEntropy()({logits, classes, torch::tensor({1.0f, 3.0f}), {}}).item<double>() ==
        Approx((first + 3 * second) / 4).epsilon(1e-6));
}

TEST_CASE("cross_entropy: one logit per jet or a class beyond the outputs is an input error saying what fits") {
  REQUIRE_THROWS_WITH(CrossEntropy()({torch::zeros({4}), torch::zeros({4}), {}, {}}),
                      Catch::Matchers::Contains("loss cross_entropy needs [N, K] class logits") &&
                          Catch::Matchers::Contains("use bce for one logit per jet"));
  REQUIRE_THROWS_WITH(CrossEntropy()({torch::zeros({2, 3}), torch::tensor({0.0f, 3.0f}), {}, {}}),
                      "loss cross_entropy: class labels run from 0 to 3, but the network has 3 outputs (classes 0..2)");
}
