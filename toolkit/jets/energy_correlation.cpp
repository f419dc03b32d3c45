#include "toolkit/jets/energy_correlation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "toolkit/jets/substructure_parts.h"

namespace jetstudy::jets {

EnergyCorrelations energy_correlations(const Jet& jet) { return energy_correlations(make_constituent_view(jet)); }

EnergyCorrelations energy_correlations(const ConstituentView& view) {
  EnergyCorrelations out;
  const std::size_t n = view.size();
  if (n < 2 || !(view.pt_sum > 0)) return out;
  const std::vector<double>& y = view.y;
  const std::vector<double>& phi = view.phi;
  std::vector<double> z(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = view.pt[i] / view.pt_sum;

  // angle[i * n + k] = dR_ik for k > i (beta = 1); beta = 2 uses its square, so one table serves both. Only the
  // upper triangle is filled and read. phi in (-pi, pi], so |dphi| <= 2 pi and one wrap suffices.
  std::vector<double> angle(n * n);
  double e2_1 = 0, e2_2 = 0;
  constexpr double kTwoPi = 2 * std::numbers::pi;
  for (std::size_t i = 0; i < n; ++i) {
    double* row = &angle[i * n];
    double sum_1 = 0, sum_2 = 0;
#pragma omp simd reduction(+ : sum_1, sum_2)
    for (std::size_t k = i + 1; k < n; ++k) {
      const double dy = y[i] - y[k];
      const double raw = std::abs(phi[i] - phi[k]);
      const double dphi = std::min(raw, kTwoPi - raw);
      const double r2 = dy * dy + dphi * dphi;
      const double r = std::sqrt(r2);
      row[k] = r;
      sum_1 += z[k] * r;
      sum_2 += z[k] * r2;
    }
    e2_1 += z[i] * sum_1;
    e2_2 += z[i] * sum_2;
  }

  // e3 = sum_{i<j} z_i z_j dR_ij^beta * sum_{k>j} z_k (dR_ik dR_jk)^beta; the inner sum runs along two rows.
  double e3_1 = 0, e3_2 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double* row_i = &angle[i * n];
    for (std::size_t j = i + 1; j + 1 < n; ++j) {
      const double* row_j = &angle[j * n];
      double inner_1 = 0, inner_2 = 0;
#pragma omp simd reduction(+ : inner_1, inner_2)
      for (std::size_t k = j + 1; k < n; ++k) {
        const double product = row_i[k] * row_j[k];
        inner_1 += z[k] * product;
        inner_2 += z[k] * product * product;
      }
      const double weight = z[i] * z[j], r = row_i[j];
      e3_1 += weight * r * inner_1;
      e3_2 += weight * r * r * inner_2;
    }
  }
  out.beta1 = {e2_1, e3_1};
  out.beta2 = {e2_2, e3_2};
  return out;
}

}  // namespace jetstudy::jets
