// N-subjettiness (Thaler, Van Tilburg, arXiv:1011.2268; WTA axes: Larkoski, Neill, Thaler, arXiv:1401.2158):
//   tau_N = sum_i pT_i min_k dR(i, axis_k) / (sum_i pT_i R0),  beta = 1,
// with N axes from the exclusive kT clustering of the constituents, either with E-scheme recombination
// ("exclusive kT axes") or winner-take-all pT recombination (FastJet's WTA_pt_scheme, "WTA kT axes").
#pragma once

#include <array>

#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

enum class NsubjettinessAxes { exclusive_kt, wta_kt };

struct Nsubjettiness {
  std::array<double, 4> tau{};  // tau[0] = tau_1 ... tau[3] = tau_4
  // tau_N / tau_(N-1) for N = 2..4; 0 when tau_(N-1) = 0 (then tau_N = 0 too: a jet of < N constituents).
  double ratio(int n) const;
  double tau21() const { return ratio(2); }
  double tau32() const { return ratio(3); }
};

// A jet with at most N constituents has tau_N = 0: each constituent is its own axis (this is the definition,
// not a skip). A jet without constituents has all tau_N = 0. R0 <= 0 means the jet's own radius (Jet::R), or
// 1.0 if that is unset.
Nsubjettiness nsubjettiness(const Jet& jet, NsubjettinessAxes axes, double R0 = 0);

}  // namespace jetstudy::jets
