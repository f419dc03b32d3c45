// Energy correlation functions and their ratios (Larkoski, Salam, Thaler, arXiv:1305.0007; D2: Larkoski, Moult,
// Neill, arXiv:1409.6298), with z_i = pT_i / sum_j pT_j and dR in (y, phi):
//   e2 = sum_{i<j} z_i z_j dR_ij^beta,   e3 = sum_{i<j<k} z_i z_j z_k (dR_ij dR_ik dR_jk)^beta,
//   C2 = e3 / e2^2,   D2 = e3 / e2^3.
#pragma once

#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

struct EnergyCorrelation {
  double e2 = 0, e3 = 0;
  // 0 when e2 = 0 (one constituent, or all collinear): nothing resolves a second prong.
  double c2() const { return e2 > 0 ? e3 / (e2 * e2) : 0.0; }
  double d2() const { return e2 > 0 ? e3 / (e2 * e2 * e2) : 0.0; }
};

struct EnergyCorrelations {
  EnergyCorrelation beta1, beta2;  // angular exponent beta = 1 and beta = 2
};

// beta = 1 in O(n^3 / 6) time and O(n^2) memory for n constituents; beta = 2 from moments in O(n) (see the .cpp).
EnergyCorrelations energy_correlations(const Jet& jet);

}  // namespace jetstudy::jets
