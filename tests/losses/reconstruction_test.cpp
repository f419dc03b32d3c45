#include "toolkit/losses/reconstruction.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace jetstudy;
using losses::Reconstruction;
using losses::reconstruction_error;

TEST_CASE("reconstruction: per-jet mean squared error over pixels, the anomaly score") {
  // two 1x2x2 jets
  const auto target = torch::tensor({1.0f, 0.0f, 0.0f, 3.0f, 0.0f, 0.0f, 2.0f, 0.0f}).reshape({2, 1, 2, 2});
  const auto output = torch::tensor({0.0f, 0.0f, 1.0f, 3.0f, 0.0f, 0.0f, 2.0f, 0.0f}).reshape({2, 1, 2, 2});
  const auto per_jet = reconstruction_error(output, target, 0);
  REQUIRE(per_jet.sizes() == torch::IntArrayRef({2}));
  CHECK(per_jet[0].item<double>() == Approx(2.0 / 4));
  CHECK(per_jet[1].item<double>() == 0.0);
  CHECK(Reconstruction()({output, target, {}, {}}).item<double>() == Approx(0.25));
  CHECK(Reconstruction()({output, target, torch::tensor({1.0f, 3.0f}), {}}).item<double>() == Approx(0.5 / 4));
}

TEST_CASE("reconstruction: pixel weighting by (|target| + eps)^p makes misses on bright pixels cost more") {
  // one 1x1x4 jet, pixels 4, 1, 0, 0 (weights for p = 1: 4, 1, eps, eps, normalised to mean 1 over 4 pixels)
  const auto target = torch::tensor({4.0, 1.0, 0.0, 0.0}, torch::kFloat64).reshape({1, 1, 1, 4});
  const auto miss_bright = torch::tensor({3.0, 1.0, 0.0, 0.0}, torch::kFloat64).reshape({1, 1, 1, 4});
  const auto miss_empty = torch::tensor({4.0, 1.0, 1.0, 0.0}, torch::kFloat64).reshape({1, 1, 1, 4});
  const double eps = losses::kPixelWeightEpsilon;
  const double mean_weight = (4 + eps + 1 + eps + eps + eps) / 4;
  CHECK(reconstruction_error(miss_bright, target, 1)[0].item<double>() == Approx((4 + eps) / mean_weight / 4).epsilon(1e-12));
  CHECK(reconstruction_error(miss_empty, target, 1)[0].item<double>() == Approx(eps / mean_weight / 4).epsilon(1e-9));
  // with p = 0 both misses cost the same
  CHECK(reconstruction_error(miss_bright, target, 0)[0].item<double>() ==
        reconstruction_error(miss_empty, target, 0)[0].item<double>());
}

TEST_CASE("reconstruction: images of another shape, or a negative power, are input errors") {
  REQUIRE_THROWS_WITH(Reconstruction()({torch::zeros({2}), torch::zeros({2, 1, 4, 4}), {}, {}}),
                      "loss reconstruction compares output images with target images of the same shape, got outputs "
                      "[2] and targets [2, 1, 4, 4]; it needs an autoencoder's output");
  REQUIRE_THROWS_WITH(Reconstruction(-1), "loss reconstruction: pixel_weight_power must be >= 0, got -1");
}
