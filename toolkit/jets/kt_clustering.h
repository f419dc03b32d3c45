// The kT algorithm on the constituents of one jet (internal to toolkit/jets/): Catani, Dokshitzer, Seymour,
// Webber, Nucl. Phys. B406 (1993) 187; Ellis, Soper, hep-ph/9305266. With d_ij = min(pT_i^2, pT_j^2) dR_ij^2 / R^2
// and d_iB = pT_i^2, the smallest distance either merges a pair or makes a jet final ("inclusive", as trimming and
// the jet finder's subjets use it); without a beam distance (R = infinity, "exclusive") pairs merge until the
// number of jets asked for remains (the exclusive subjets and the N-subjettiness axes). Recombination is the
// E-scheme or winner-take-all in pT (Larkoski, Neill, Thaler, arXiv:1401.2158; FastJet's WTA_pt_scheme).
//
// Jets here have tens to a hundred or two constituents, where a FastJet ClusterSequence costs as much as the
// event clustering. This is FastJet's N2Plain (keep each jet's geometric nearest neighbour; the smallest d_ij is
// always a jet with its nearest neighbour) on flat arrays whose distance scans vectorise. Rapidity, azimuth and
// pT^2 of sums are computed as FastJet computes them and jets sit in FastJet's slots, so E-scheme jets are
// FastJet's to the last bit (tests compare with ClusterSequence and fastjet::Filter).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "toolkit/jets/constituent_view.h"

namespace jetstudy::jets {

enum class KtRecombination { e_scheme, wta_pt };

// One kT jet (a subjet of the jet whose constituents were clustered): its four-momentum and, where the clustering
// tracks them (inclusive_kt_pieces), its constituents as positions in the view.
struct KtPiece {
  double px = 0, py = 0, pz = 0, e = 0;
  std::vector<std::uint32_t> members;
  double pt2() const { return px * px + py * py; }
};

// The inclusive kT jets of radius R > 0 (E-scheme) with pT^2 >= pt2_min, in the order FastJet's
// inclusive_jets(ptmin) lists them (the last jet made final first), with their members. The softer jets are
// clustered but never built (trimming drops most of a jet's subjets).
std::vector<KtPiece> inclusive_kt_pieces(const ConstituentView& view, double R, double pt2_min = 0);

// The exclusive kT jets (E-scheme) when n remain; every constituent its own jet when there are at most n.
// Members are not tracked.
std::vector<KtPiece> exclusive_kt_pieces(const ConstituentView& view, std::size_t n);

// Rapidity and azimuth (in [0, 2 pi)) of a four-vector as FastJet's PseudoJet computes them; kt2 = px^2 + py^2.
void fastjet_direction(double px, double py, double pz, double e, double kt2, double* y, double* phi);

struct Axis {
  double y = 0, phi = 0;  // phi in [0, 2 pi)
};

// The exclusive kT axes of N-subjettiness: axes[N - 1] holds the N jets' directions when N remain, for each
// N < view.size() (N <= 4); the others stay empty.
using AxesByN = std::array<std::vector<Axis>, 4>;
AxesByN exclusive_kt_axes(const ConstituentView& view, KtRecombination recombination);

// Both kinds at once, the same as two calls: the two clusterings start from one nearest-neighbour table.
struct ExclusiveKtAxes {
  AxesByN e_scheme, wta;
};
ExclusiveKtAxes exclusive_kt_axes_both(const ConstituentView& view);

}  // namespace jetstudy::jets
