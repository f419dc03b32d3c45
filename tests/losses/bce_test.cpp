#include "toolkit/losses/bce.h"

#include <catch2/catch.hpp>
#include <cmath>

using jetstudy::losses::BinaryCrossEntropy;

TEST_CASE("bce: matches -[y log s + (1-y) log(1-s)] and stays finite for large logits") {
  const BinaryCrossEntropy bce;
  const auto logits = torch::tensor({0.0f, 2.0f, -1.0f});
  const auto labels = torch::tensor({1.0f, 0.0f, 0.0f});
  const double s1 = 1 / (1 + std::exp(-2.0)), s2 = 1 / (1 + std::exp(1.0));
  const double expected = (std::log(2.0) - std::log(1 - s1) - std::log(1 - s2)) / 3;
  CHECK(bce({logits, labels, {}, {}}).item<double>() == Approx(expected).epsilon(1e-6));
  CHECK(std::isfinite(bce({torch::tensor({1000.0f}), torch::tensor({0.0f}), {}, {}}).item<double>()));
}

TEST_CASE("bce: per-jet weights make a weighted mean") {
  const BinaryCrossEntropy bce;
  const auto logits = torch::tensor({0.0f, 3.0f});
  const auto labels = torch::tensor({1.0f, 1.0f});
  const double first = std::log(2.0), second = std::log(1 + std::exp(-3.0));
  const auto weighted = bce({logits, labels, torch::tensor({3.0f, 1.0f}), {}}).item<double>();
  CHECK(weighted == Approx((3 * first + second) / 4).epsilon(1e-6));
}
