// The exclusive kT axes of N-subjettiness for N = 1..4 (internal to toolkit/jets/): the constituents clustered
// with the kT distance d_ij = min(pT_i^2, pT_j^2) dR_ij^2 (no beam distance: FastJet's kT with an infinite
// radius, Catani et al., Nucl. Phys. B406 (1993) 187) until N remain, with E-scheme or winner-take-all pT
// recombination (Larkoski, Neill, Thaler, arXiv:1401.2158; FastJet's WTA_pt_scheme). A lean O(n^2)
// nearest-neighbour clustering written for jets of tens to hundreds of constituents, where FastJet's general
// ClusterSequence costs several times more; tests check it against FastJet's exclusive_jets.
#pragma once

#include <array>
#include <vector>

#include "toolkit/jets/constituent_view.h"

namespace jetstudy::jets {

struct Axis {
  double y = 0, phi = 0;
};

enum class KtRecombination { e_scheme, wta_pt };

// axes[N - 1] holds the N exclusive axes, for each N < view.size() (N <= 4); the others stay empty.
std::array<std::vector<Axis>, 4> exclusive_kt_axes(const ConstituentView& view, KtRecombination recombination);

}  // namespace jetstudy::jets
