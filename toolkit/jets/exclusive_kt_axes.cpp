#include "toolkit/jets/exclusive_kt_axes.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace jetstudy::jets {
namespace {

struct Pseudo {
  double px, py, pz, e, pt2, y, phi;
};

// Rapidity and azimuth of a four-vector sum, as FastJet computes them for an E-scheme merging.
void set_direction(Pseudo& p) {
  p.phi = p.pt2 > 0 ? std::atan2(p.py, p.px) : 0.0;
  if (p.phi < 0) p.phi += 2 * std::numbers::pi;
  const double abs_pz = std::abs(p.pz);
  if (p.e == abs_pz && p.pt2 == 0) {
    p.y = p.pz >= 0 ? 1e5 : -1e5;  // along the beam; FastJet's MaxRap
    return;
  }
  const double effective_m2 = std::max(0.0, p.e * p.e - p.pt2 - p.pz * p.pz);
  const double e_plus_pz = p.e + abs_pz;
  const double y = 0.5 * std::log((p.pt2 + effective_m2) / (e_plus_pz * e_plus_pz));
  p.y = p.pz > 0 ? -y : y;
}

Pseudo merge(const Pseudo& a, const Pseudo& b, KtRecombination recombination) {
  if (recombination == KtRecombination::wta_pt) {
    // pT adds; the harder branch keeps its direction (and so its rapidity and azimuth).
    const Pseudo& harder = a.pt2 >= b.pt2 ? a : b;
    const double pt = std::sqrt(a.pt2) + std::sqrt(b.pt2);
    Pseudo out = harder;
    out.pt2 = pt * pt;
    return out;
  }
  Pseudo out{a.px + b.px, a.py + b.py, a.pz + b.pz, a.e + b.e, 0, 0, 0};
  out.pt2 = out.px * out.px + out.py * out.py;
  set_direction(out);
  return out;
}

}  // namespace

std::array<std::vector<Axis>, 4> exclusive_kt_axes(const ConstituentView& view, KtRecombination recombination) {
  std::array<std::vector<Axis>, 4> axes;
  const std::size_t n = view.size();
  if (n < 2) return axes;

  // The jets still there sit compactly in slots 0..count-1 (a merging moves the last slot into the freed one),
  // with rapidity and azimuth in their own arrays so the distance scans run along contiguous memory.
  std::vector<Pseudo> jets(n);
  std::vector<double> ys(n), phis(n);
  for (std::size_t i = 0; i < n; ++i) {
    double phi = view.phi[i];
    if (phi < 0) phi += 2 * std::numbers::pi;
    jets[i] = {view.px[i], view.py[i], view.pz[i], view.e[i], view.pt[i] * view.pt[i], view.y[i], phi};
    ys[i] = view.y[i];
    phis[i] = phi;
  }
  constexpr double kTwoPi = 2 * std::numbers::pi;
  const auto distance2 = [&](std::size_t i, std::size_t k) {
    const double dy = ys[i] - ys[k];
    const double raw = std::abs(phis[i] - phis[k]);
    const double dphi = std::min(raw, kTwoPi - raw);  // phi in [0, 2 pi): one wrap
    return dy * dy + dphi * dphi;
  };
  // FastJet's N2Plain idea: keep each jet's nearest neighbour in plain dR^2; the pair with the smallest kT
  // distance min(pT_i^2, pT_j^2) dR_ij^2 is always some jet with its geometric nearest neighbour, so a merging
  // only sends the jets whose neighbour was one of the pair back to a full scan.
  std::vector<std::size_t> nn_index(n);
  std::vector<double> nn_r2(n);
  std::size_t count = n;
  // The scan in two vectorisable passes: all distances from i, then the first smallest (the same jet a plain
  // running minimum finds). i's distance to itself is set to the largest double so it never wins.
  std::vector<double> scratch(n);
  const auto find_neighbour = [&](std::size_t i) {
    const double* y = ys.data();
    const double* phi = phis.data();
    double* r2 = scratch.data();
    const double y_i = y[i], phi_i = phi[i];
#pragma omp simd
    for (std::size_t k = 0; k < count; ++k) {
      const double dy = y_i - y[k];
      const double raw = std::abs(phi_i - phi[k]);
      const double dphi = std::min(raw, kTwoPi - raw);
      r2[k] = dy * dy + dphi * dphi;
    }
    r2[i] = std::numeric_limits<double>::max();
    double closest = std::numeric_limits<double>::max();
#pragma omp simd reduction(min : closest)
    for (std::size_t k = 0; k < count; ++k) closest = std::min(closest, r2[k]);
    std::size_t neighbour = 0;
    while (neighbour < count && r2[neighbour] != closest) ++neighbour;
    if (neighbour == count) neighbour = i;  // no other jet: cannot happen while count > 1
    nn_r2[i] = closest;
    nn_index[i] = neighbour;
  };
  for (std::size_t i = 0; i < n; ++i) find_neighbour(i);

  while (count > 1) {
    std::size_t best = 0;
    double best_distance = std::numeric_limits<double>::max();
    for (std::size_t k = 0; k < count; ++k) {
      const double d = std::min(jets[k].pt2, jets[nn_index[k]].pt2) * nn_r2[k];
      if (d < best_distance) {
        best_distance = d;
        best = k;
      }
    }
    const std::size_t merged = best, gone = nn_index[merged];
    jets[merged] = merge(jets[merged], jets[gone], recombination);
    ys[merged] = jets[merged].y;
    phis[merged] = jets[merged].phi;
    // The last slot moves into the freed one; `a` is where the merged jet now sits.
    const std::size_t last = --count;
    std::size_t a = merged;
    if (gone != last) {
      jets[gone] = jets[last];
      ys[gone] = ys[last];
      phis[gone] = phis[last];
      nn_index[gone] = nn_index[last];
      nn_r2[gone] = nn_r2[last];
      if (merged == last) a = gone;
    }

    // Only the merged jet a has a new direction. A jet whose neighbour was one of the merged pair keeps a as
    // neighbour when a is now no farther than that neighbour was (every other jet is where it was, and none
    // was closer); only otherwise does it scan again. With WTA recombination a takes the harder branch's
    // direction, so this almost never scans. Every other jet only compares with the moved a.
    // The same pass finds a's own nearest neighbour (first smallest distance, as find_neighbour would).
    double a_closest = std::numeric_limits<double>::max();
    std::size_t a_neighbour = a;
    for (std::size_t k = 0; k < count; ++k) {
      if (k == a) continue;
      std::size_t& neighbour = nn_index[k];
      const bool lost = neighbour == merged || neighbour == gone;
      if (neighbour == last) neighbour = gone;  // it moved
      const double r2 = distance2(k, a);
      if (r2 < a_closest) {
        a_closest = r2;
        a_neighbour = k;
      }
      if (lost) {
        if (r2 <= nn_r2[k]) {
          nn_r2[k] = r2;
          neighbour = a;
        } else {
          find_neighbour(k);
        }
      } else if (r2 < nn_r2[k]) {
        nn_r2[k] = r2;
        neighbour = a;
      }
    }
    nn_r2[a] = a_closest;
    nn_index[a] = a_neighbour;
    if (count <= axes.size()) {
      std::vector<Axis>& snapshot = axes[count - 1];
      for (std::size_t k = 0; k < count; ++k) snapshot.push_back({ys[k], phis[k]});
    }
  }
  return axes;
}

}  // namespace jetstudy::jets
