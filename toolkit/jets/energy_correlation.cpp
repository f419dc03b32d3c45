#include "toolkit/jets/energy_correlation.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstring>
#include <memory>
#include <numbers>
#include <optional>

#include "toolkit/jets/angles.h"
#include "toolkit/jets/substructure_parts.h"

// On x86-64 GCC builds the kernel twice, for AVX2 and for the baseline (SSE2), and picks one at load time. Both
// give bit-identical results: the lane arithmetic is written out with fixed-width vectors (GCC splits them into
// SSE2 halves on the baseline), every sum runs in the order the source gives, and neither clone enables FMA, so
// no a * b + c is contracted differently. tests/jets/energy_correlation_test.cpp checks against a plain loop.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define JETSTUDY_ECF_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define JETSTUDY_ECF_CLONES
#endif

namespace jetstudy::jets {

namespace {

// Four doubles operated on elementwise (a GCC/Clang vector extension): one AVX2 register, or two SSE2 ones.
constexpr std::size_t kLanes = 4;
typedef double Lanes __attribute__((vector_size(kLanes * sizeof(double))));

// e2 and e3 for beta = 1, and for beta = 2 when `with_beta2` (else beta2 stays zero), from z_i = pT_i / sum pT
// and the (y, phi) of n >= 2 constituents. With the pair table r_jk = dR_jk (zero unless j < k) and the weights
// w_ij = z_j r_ij,
//   e3 = sum_{i<k} z_i z_k r_ik V_ik,   V_ik = sum_{i<j<k} w_ij r_jk,
// so the O(n^3) work is the product V = w r of two triangular matrices. It runs in 4 x 4 tiles of V held in
// registers; the zeros of the triangles make each tile's sum over j exact without bounds. beta = 2 is the same
// with every r squared.
JETSTUDY_ECF_CLONES
EnergyCorrelations correlate(const double* pt, const double* y, const double* phi, double pt_sum, std::size_t n,
                             bool with_beta2) {
  // Tables are `padded` rows of `padded` entries. Rows and columns from n on are padding: w and z are zero there,
  // so they add nothing to the sums, which end at k = n - 1.
  const std::size_t padded = (n + kLanes - 1) / kLanes * kLanes;
  const std::size_t table_size = padded * padded;
  const std::unique_ptr<double[]> scratch = std::make_unique_for_overwrite<double[]>(3 * table_size + 9 * padded);
  double* const r = scratch.get();         // r[j * padded + k] = dR_jk for j < k, 0 for k <= j
  double* const w_1 = r + table_size;      // w_1[i * padded + j] = z_j dR_ij, likewise 0 for j <= i
  double* const w_2 = w_1 + table_size;    // z_j dR_ij^2
  double* const z = w_2 + table_size;
  double* const y_k = z + padded;          // y and phi, padded with zeros
  double* const phi_k = y_k + padded;
  double* const step = phi_k + padded;     // padded zeros, then padded ones
  double* const e2_sum_1 = step + 2 * padded;  // sum_{i<k} z_i dR_ik (beta = 1), sum_{i<k} z_i dR_ik^2 (beta = 2)
  double* const e2_sum_2 = e2_sum_1 + padded;
  double* const e3_sum_1 = e2_sum_2 + padded;  // sum_{i<k} z_i dR_ik V_ik, likewise
  double* const e3_sum_2 = e3_sum_1 + padded;
  std::fill(z, e3_sum_2 + padded, 0.0);
#pragma omp simd
  for (std::size_t k = 0; k < n; ++k) {
    z[k] = pt[k] / pt_sum;
    y_k[k] = y[k];
    phi_k[k] = phi[k];
  }
  std::fill(step + padded, step + 2 * padded, 1.0);

  // Row i of each table is written from the block holding column i - 3 on (the tiles below read no further
  // left), with zeros up to the diagonal. Whole blocks keep the loop free of scalar remainders.
  // phi is in (-pi, pi], so |dphi| <= 2 pi and one wrap suffices.
  constexpr double kTwoPi = 2 * std::numbers::pi;
  for (std::size_t i = 0; i < padded; ++i) {
    double* const row = r + i * padded;
    double* const row_1 = w_1 + i * padded;
    double* const row_2 = w_2 + i * padded;
    const double yi = y_k[i], phii = phi_k[i];
    const std::size_t first = i >= kLanes - 1 ? (i - (kLanes - 1)) / kLanes * kLanes : 0;
    const double* const above = step + (padded - 1 - i);  // above[k] = 1 for k > i, else 0: masks the lower triangle
#pragma omp simd
    for (std::size_t k = first; k < padded; ++k) {
      const double dy = yi - y_k[k];
      const double raw = std::abs(phii - phi_k[k]);
      const double dphi = std::min(raw, kTwoPi - raw);
      const double distance2 = dy * dy + dphi * dphi;
      const double r2 = distance2 * above[k];
      const double dr = std::sqrt(r2);
      row[k] = dr;
      row_1[k] = z[k] * dr;
      row_2[k] = z[k] * r2;
    }
  }

  // Tile (i0, k0): rows i0 .. i0 + 3 and columns k0 .. k0 + 3 of V, wherever some i < k. A term needs i < j < k,
  // so j runs over i0 + 1 .. k0 + 2 (and below n - 1); w_ij = 0 for j <= i and r_jk = 0 for k <= j drop the
  // rest exactly (adding +0 changes no sum, so the tile shape does not affect the result).
  for (std::size_t i0 = 0; i0 + 1 < n; i0 += kLanes) {
    for (std::size_t k0 = (i0 + 2) / kLanes * kLanes; k0 < n; k0 += kLanes) {
      Lanes v_1[kLanes] = {}, v_2[kLanes] = {};
      const std::size_t j_end = std::min(k0 + kLanes - 1, n - 1);
      if (with_beta2) {
        for (std::size_t j = i0 + 1; j < j_end; ++j) {
          Lanes r_j;
          std::memcpy(&r_j, r + j * padded + k0, sizeof r_j);
          const Lanes r2_j = r_j * r_j;
#pragma GCC unroll 4
          for (std::size_t q = 0; q < kLanes; ++q) {
            v_1[q] += w_1[(i0 + q) * padded + j] * r_j;
            v_2[q] += w_2[(i0 + q) * padded + j] * r2_j;
          }
        }
      } else {  // half the work: the beta = 1 product alone
        for (std::size_t j = i0 + 1; j < j_end; ++j) {
          Lanes r_j;
          std::memcpy(&r_j, r + j * padded + k0, sizeof r_j);
#pragma GCC unroll 4
          for (std::size_t q = 0; q < kLanes; ++q) v_1[q] += w_1[(i0 + q) * padded + j] * r_j;
        }
      }
      // The tiles cover every pair i < k once, so they also sum e2.
      Lanes sum2_1, sum2_2, sum3_1, sum3_2;
      std::memcpy(&sum2_1, e2_sum_1 + k0, sizeof sum2_1);
      std::memcpy(&sum2_2, e2_sum_2 + k0, sizeof sum2_2);
      std::memcpy(&sum3_1, e3_sum_1 + k0, sizeof sum3_1);
      std::memcpy(&sum3_2, e3_sum_2 + k0, sizeof sum3_2);
#pragma GCC unroll 4
      for (std::size_t q = 0; q < kLanes; ++q) {
        Lanes r_i;  // row i0 + q < padded: zeros where i0 + q >= n
        std::memcpy(&r_i, r + (i0 + q) * padded + k0, sizeof r_i);
        const Lanes zr_1 = z[i0 + q] * r_i;
        const Lanes zr_2 = zr_1 * r_i;
        sum2_1 += zr_1;
        sum2_2 += zr_2;
        sum3_1 += zr_1 * v_1[q];
        sum3_2 += zr_2 * v_2[q];
      }
      std::memcpy(e2_sum_1 + k0, &sum2_1, sizeof sum2_1);
      std::memcpy(e2_sum_2 + k0, &sum2_2, sizeof sum2_2);
      std::memcpy(e3_sum_1 + k0, &sum3_1, sizeof sum3_1);
      std::memcpy(e3_sum_2 + k0, &sum3_2, sizeof sum3_2);
    }
  }

  double e2_1 = 0, e2_2 = 0, e3_1 = 0, e3_2 = 0;
  for (std::size_t k = 0; k < n; ++k) {
    e2_1 += z[k] * e2_sum_1[k];
    e2_2 += z[k] * e2_sum_2[k];
    e3_1 += z[k] * e3_sum_1[k];
    e3_2 += z[k] * e3_sum_2[k];
  }
  EnergyCorrelations out;
  out.beta1 = {e2_1, e3_1};
  if (with_beta2) out.beta2 = {e2_2, e3_2};
  return out;
}

// beta = 2 in O(n): with the constituents as points x = y + i phi of the complex plane, dR_ij^2 = |x_i - x_j|^2,
// and the product of the three squared sides of a triangle is |Vandermonde(x_i, x_j, x_k)|^2. Andreief's identity
// (C. Andreief, Mem. Soc. Sci. Bordeaux 2 (1886) 1; a Gram determinant) turns the sums over pairs and triplets into
// determinants of the moment matrix M_pq = sum_i z_i x_i^p conj(x_i)^q:
//   e2 = det M[0..1][0..1],   e3 = det M[0..2][0..2].
// Both are translation invariant, so x is taken about the pT-weighted centre, where M_01 is ~0 and nothing large
// cancels: on generated top, W and QCD jets the determinant agrees with the triple loop to ~1e-13 relative.
// phi enters as the difference to the first constituent's, which equals every pairwise (wrapped) difference only
// when the constituents span at most pi in phi; beyond that (no jet of R < pi/2 does) there is no answer here.
std::optional<EnergyCorrelation> beta2_by_moments(const ConstituentView& view) {
  const std::size_t n = view.size();
  const double phi_first = view.phi[0];
  double lowest = 0, highest = 0;
  double sum_z = 0, centre_y = 0, centre_phi = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double z = view.pt[i] / view.pt_sum;
    const double dphi = delta_phi(view.phi[i], phi_first);
    lowest = std::min(lowest, dphi);
    highest = std::max(highest, dphi);
    sum_z += z;
    centre_y += z * view.y[i];
    centre_phi += z * dphi;
  }
  if (highest - lowest > std::numbers::pi) return std::nullopt;
  centre_y /= sum_z;
  centre_phi /= sum_z;
  // M_00 = a, M_11 = b, M_22 = c (real); M_01 = u, M_02 = v, M_12 = w.
  double a = 0, b = 0, c = 0;
  std::complex<double> u, v, w;
  for (std::size_t i = 0; i < n; ++i) {
    const double z = view.pt[i] / view.pt_sum;
    const double dphi = delta_phi(view.phi[i], phi_first);
    const std::complex<double> x_bar(view.y[i] - centre_y, centre_phi - dphi);  // conj(x)
    const double r2 = std::norm(x_bar);
    a += z;
    b += z * r2;
    c += z * r2 * r2;
    u += z * x_bar;
    v += z * x_bar * x_bar;
    w += z * r2 * x_bar;
  }
  // A Gram determinant is >= 0; rounding can leave a tiny negative where the answer is 0 (all constituents on
  // two points), and with two constituents there is no triplet at all.
  EnergyCorrelation out;
  out.e2 = std::max(0.0, a * b - std::norm(u));
  if (n >= 3) {
    const double e3 = a * b * c + 2 * std::real(u * w * std::conj(v)) - a * std::norm(w) - b * std::norm(v) -
                      c * std::norm(u);
    out.e3 = std::max(0.0, e3);
  }
  return out;
}

}  // namespace

EnergyCorrelations energy_correlations(const Jet& jet) { return energy_correlations(make_constituent_view(jet)); }

EnergyCorrelations energy_correlations(const ConstituentView& view) {
  const std::size_t n = view.size();
  if (n < 2 || !(view.pt_sum > 0)) return {};
  const std::optional<EnergyCorrelation> beta2 = beta2_by_moments(view);
  EnergyCorrelations out = correlate(view.pt.data(), view.y.data(), view.phi.data(), view.pt_sum, n, !beta2);
  if (beta2) out.beta2 = *beta2;
  return out;
}

}  // namespace jetstudy::jets
