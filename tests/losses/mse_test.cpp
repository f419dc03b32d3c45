#include "toolkit/losses/mse.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace jetstudy;
using losses::MeanSquaredError;

TEST_CASE("mse: on probability compares sigmoid(output) with the 0/1 label, as the 2017 DeepTop") {
  const auto logits = torch::tensor({0.0f, 2.0f, -1.0f});
  const auto labels = torch::tensor({1.0f, 0.0f, 0.0f});
  const double s1 = 1 / (1 + std::exp(-2.0)), s2 = 1 / (1 + std::exp(1.0));
  const double expected = (0.25 + s1 * s1 + s2 * s2) / 3;
  CHECK(MeanSquaredError()({logits, labels, {}, {}}).item<double>() == Approx(expected).epsilon(1e-6));
  CHECK(MeanSquaredError()({logits, labels, torch::tensor({2.0f, 0.0f, 1.0f}), {}}).item<double>() ==
        Approx((2 * 0.25 + s2 * s2) / 3).epsilon(1e-6));
}

TEST_CASE("mse: on logits compares the raw output with a regression target (e.g. the truth jet pT)") {
  const MeanSquaredError regression(MeanSquaredError::On::logits);
  const auto predicted = torch::tensor({410.0f, 520.0f});
  const auto truth = torch::tensor({400.0f, 500.0f});
  CHECK(regression({predicted, truth, {}, {}}).item<double>() == Approx((100.0 + 400.0) / 2));
  CHECK(regression({predicted, truth, torch::tensor({3.0f, 1.0f}), {}}).item<double>() == Approx((300.0 + 400.0) / 4));
  REQUIRE_THROWS_WITH(regression({torch::zeros({2, 3}), truth, {}, {}}),
                      Catch::Matchers::StartsWith("loss mse: outputs [2, 3] and targets [2] differ in shape"));
  REQUIRE_THROWS_WITH(MeanSquaredError()({torch::zeros({2, 3}), truth, {}, {}}),
                      Catch::Matchers::StartsWith("loss mse on probabilities needs one output per jet ([N])"));
}

TEST_CASE("mse: on image outputs it averages each jet's pixels, then weights the jets (PUMML)") {
  const MeanSquaredError regression(MeanSquaredError::On::logits);
  const auto predicted = torch::zeros({2, 1, 2, 2});
  auto truth = torch::zeros({2, 1, 2, 2});
  truth[0][0][0][0] = 2.0f;  // jet 0: one pixel off by 2 -> mean 4/4 = 1
  truth[1][0][1][1] = 4.0f;  // jet 1: one pixel off by 4 -> mean 16/4 = 4
  CHECK(regression({predicted, truth, {}, {}}).item<double>() == Approx((1.0 + 4.0) / 2));
  CHECK(regression({predicted, truth, torch::tensor({3.0f, 1.0f}), {}}).item<double>() == Approx((3.0 + 4.0) / 4));
}
