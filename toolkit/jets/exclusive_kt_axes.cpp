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

double delta_r2(const Pseudo& a, const Pseudo& b) {
  const double dy = a.y - b.y;
  double dphi = std::abs(a.phi - b.phi);
  if (dphi > std::numbers::pi) dphi = 2 * std::numbers::pi - dphi;
  return dy * dy + dphi * dphi;
}

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

  std::vector<Pseudo> jets(n);
  for (std::size_t i = 0; i < n; ++i) {
    double phi = view.phi[i];
    if (phi < 0) phi += 2 * std::numbers::pi;
    jets[i] = {view.px[i], view.py[i], view.pz[i], view.e[i], view.pt[i] * view.pt[i], view.y[i], phi};
  }
  // FastJet's N2Plain idea: keep each jet's nearest neighbour in plain dR^2; the pair with the smallest kT
  // distance min(pT_i^2, pT_j^2) dR_ij^2 is always some jet with its geometric nearest neighbour, so a merging
  // only sends the jets whose neighbour was one of the pair back to a full scan.
  // alive[0..count) are the indices of the jets still there.
  std::vector<std::size_t> alive(n), nn_index(n);
  std::vector<double> nn_r2(n);
  for (std::size_t i = 0; i < n; ++i) alive[i] = i;
  const auto find_neighbour = [&](std::size_t i, std::size_t count) {
    double closest = std::numeric_limits<double>::max();
    std::size_t neighbour = i;
    const Pseudo& from = jets[i];
    for (std::size_t q = 0; q < count; ++q) {
      const std::size_t k = alive[q];
      const double r2 = delta_r2(from, jets[k]);
      if (r2 < closest && k != i) {
        closest = r2;
        neighbour = k;
      }
    }
    nn_r2[i] = closest;
    nn_index[i] = neighbour;
  };
  std::size_t count = n;
  for (std::size_t i = 0; i < n; ++i) find_neighbour(i, count);

  while (count > 1) {
    std::size_t best = alive[0];
    double best_distance = std::numeric_limits<double>::max();
    for (std::size_t q = 0; q < count; ++q) {
      const std::size_t k = alive[q];
      const double d = std::min(jets[k].pt2, jets[nn_index[k]].pt2) * nn_r2[k];
      if (d < best_distance) {
        best_distance = d;
        best = k;
      }
    }
    const std::size_t a = best, b = nn_index[a];
    jets[a] = merge(jets[a], jets[b], recombination);
    const std::size_t b_position = static_cast<std::size_t>(std::find(alive.begin(), alive.begin() + count, b) -
                                                            alive.begin());
    alive[b_position] = alive[--count];

    // Jets whose neighbour was a or b look again; the others only compare with the moved a.
    for (std::size_t q = 0; q < count; ++q) {
      const std::size_t k = alive[q];
      if (k == a || nn_index[k] == a || nn_index[k] == b) {
        find_neighbour(k, count);
        continue;
      }
      const double r2 = delta_r2(jets[k], jets[a]);
      if (r2 < nn_r2[k]) {
        nn_r2[k] = r2;
        nn_index[k] = a;
      }
    }
    if (count <= axes.size()) {
      std::vector<Axis>& snapshot = axes[count - 1];
      for (std::size_t q = 0; q < count; ++q) snapshot.push_back({jets[alive[q]].y, jets[alive[q]].phi});
    }
  }
  return axes;
}

}  // namespace jetstudy::jets
