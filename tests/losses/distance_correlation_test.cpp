#include "toolkit/losses/distance_correlation.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using jetstudy::losses::distance_correlation;

namespace {

// dCorr^2 straight from the definitions of arXiv:2001.05310 (eqs. 2-4), in double precision, with plain loops:
// weights normalised to mean 1, a_ij = |x_i - x_j| double-centred with weighted means.
double reference_dcorr_squared(const std::vector<double>& x, const std::vector<double>& y, std::vector<double> w) {
  const std::size_t n = x.size();
  double total = 0;
  for (const double value : w) total += value;
  for (double& value : w) value *= static_cast<double>(n) / total;

  const auto centred = [&](const std::vector<double>& v) {
    std::vector<std::vector<double>> a(n, std::vector<double>(n));
    std::vector<double> row(n, 0.0);
    double grand = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) a[i][j] = std::abs(v[i] - v[j]);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) row[i] += w[j] * a[i][j];
      row[i] /= static_cast<double>(n);
    }
    for (std::size_t i = 0; i < n; ++i) grand += w[i] * row[i];
    grand /= static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) a[i][j] += grand - row[i] - row[j];
    return a;
  };
  const auto covariance = [&](const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) sum += w[i] * w[j] * a[i][j] * b[i][j];
    return sum / static_cast<double>(n * n);
  };
  const auto a = centred(x), b = centred(y);
  return covariance(a, b) / std::sqrt(covariance(a, a) * covariance(b, b));
}

std::vector<double> as_vector(const torch::Tensor& t) {
  const auto c = t.to(torch::kFloat64).contiguous();
  return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}

}  // namespace

TEST_CASE("distance_correlation: matches a direct O(n^2) double-precision loop with random weights") {
  torch::manual_seed(7);
  const auto x = torch::randn({60}, torch::kFloat64);
  const auto y = x * x + 0.5 * torch::randn({60}, torch::kFloat64);  // dependent, but not linearly
  const auto w = torch::rand({60}, torch::kFloat64) * 3 + 0.1;
  const double expected = reference_dcorr_squared(as_vector(x), as_vector(y), as_vector(w));
  REQUIRE(expected > 0.05);
  CHECK(distance_correlation(x, y, w, 1).item<double>() == Approx(expected).epsilon(1e-10));
  CHECK(distance_correlation(x, y, w, 2).item<double>() == Approx(expected * expected).epsilon(1e-10));
  // single precision, the training case, stays close
  CHECK(distance_correlation(x.to(torch::kFloat32), y.to(torch::kFloat32), w.to(torch::kFloat32), 1).item<double>() ==
        Approx(expected).epsilon(1e-4));
}

TEST_CASE("distance_correlation: independent samples give nearly 0 (n = 2000)") {
  torch::manual_seed(11);
  const auto x = torch::rand({2000});
  const auto y = torch::randn({2000});
  const double value = distance_correlation(x, y, torch::rand({2000}) + 0.5, 1).item<double>();
  CHECK(value >= 0);
  CHECK(value < 0.02);
}

TEST_CASE("distance_correlation: y = x and y = a x + b give 1, for either sign of a") {
  torch::manual_seed(3);
  const auto x = torch::randn({300}, torch::kFloat64);
  const auto w = torch::rand({300}, torch::kFloat64) + 0.2;
  CHECK(distance_correlation(x, x, {}, 1).item<double>() == Approx(1.0).epsilon(1e-12));
  CHECK(distance_correlation(x, -2.5 * x + 40, w, 1).item<double>() == Approx(1.0).epsilon(1e-12));
  CHECK(distance_correlation(x, 0.01 * x - 3, w, 2).item<double>() == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("distance_correlation: a common scale of the weights changes nothing, unit weights equal no weights") {
  torch::manual_seed(5);
  const auto x = torch::randn({100}, torch::kFloat64);
  const auto y = torch::sin(3 * x) + 0.3 * torch::randn({100}, torch::kFloat64);
  const auto w = torch::rand({100}, torch::kFloat64) + 0.1;
  const double value = distance_correlation(x, y, w, 1).item<double>();
  CHECK(distance_correlation(x, y, 1000 * w, 1).item<double>() == Approx(value).epsilon(1e-12));
  CHECK(distance_correlation(x, y, torch::ones({100}, torch::kFloat64), 1).item<double>() ==
        Approx(distance_correlation(x, y, {}, 1).item<double>()).epsilon(1e-12));
  // and the weights matter: weighting up one region changes the value
  CHECK(distance_correlation(x, y, torch::where(x > 0, 5.0, 1.0).to(torch::kFloat64), 1).item<double>() !=
        Approx(distance_correlation(x, y, {}, 1).item<double>()).epsilon(1e-3));
}

TEST_CASE("distance_correlation: differentiable, and the gradient matches a finite difference") {
  torch::manual_seed(9);
  const auto x = torch::randn({40}, torch::kFloat64).requires_grad_(true);
  const auto y = x.detach() * 2 + torch::randn({40}, torch::kFloat64);
  distance_correlation(x, y, {}, 1).backward();
  const auto gradient = x.grad()[3].item<double>();
  const double h = 1e-6;
  auto shifted = x.detach().clone();
  shifted[3] += h;
  const double up = distance_correlation(shifted, y, {}, 1).item<double>();
  shifted[3] -= 2 * h;
  const double down = distance_correlation(shifted, y, {}, 1).item<double>();
  CHECK(gradient == Approx((up - down) / (2 * h)).epsilon(1e-5));
  CHECK(gradient != 0);
}
