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
  CHECK(bce(logits, labels).item<double>() == Approx(expected).epsilon(1e-6));
  CHECK(std::isfinite(bce(torch::tensor({1000.0f}), torch::tensor({0.0f})).item<double>()));
}
