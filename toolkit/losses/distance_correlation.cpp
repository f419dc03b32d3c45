#include "toolkit/losses/distance_correlation.h"

#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::losses {
namespace {

// A_ij = a_ij - abar_i - abar_j + abar with abar_i = (1/N) sum_j w_j a_ij, abar = (1/N) sum_i w_i abar_i.
torch::Tensor double_centred_distances(const torch::Tensor& values, const torch::Tensor& w) {
  const auto a = (values.unsqueeze(1) - values.unsqueeze(0)).abs();
  const auto row_mean = (a * w.unsqueeze(0)).mean(1);
  const auto grand_mean = (row_mean * w).mean();
  return a - row_mean.unsqueeze(1) - row_mean.unsqueeze(0) + grand_mean;
}

// (1/N^2) sum_ij w_i w_j A_ij B_ij
torch::Tensor weighted_covariance(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& w) {
  return ((a * b * w.unsqueeze(0)).mean(1) * w).mean();
}

}  // namespace

torch::Tensor distance_correlation(const torch::Tensor& x, const torch::Tensor& y, const torch::Tensor& weights,
                                   int power) {
  JETSTUDY_CHECK(x.numel() == y.numel(), "distance_correlation: samples differ in length");
  JETSTUDY_CHECK(x.numel() >= 2, "distance_correlation: needs at least two events");
  JETSTUDY_CHECK(power == 1 || power == 2, "distance_correlation: power is 1 or 2");
  const auto xs = x.reshape({-1});
  const auto ys = y.reshape({-1}).to(xs.dtype());
  auto w = weights.defined() ? weights.reshape({-1}).to(xs.dtype()) : torch::ones_like(xs);
  w = w * (static_cast<double>(w.numel()) / w.sum());  // mean 1, as in the DisCo code

  const auto a = double_centred_distances(xs, w);
  const auto b = double_centred_distances(ys, w);
  const auto xy = weighted_covariance(a, b, w);
  const auto xx = weighted_covariance(a, a, w);
  const auto yy = weighted_covariance(b, b, w);
  const auto squared = xy / (xx * yy).sqrt().clamp_min(1e-30);
  return power == 1 ? squared : squared * squared;
}

}  // namespace jetstudy::losses
