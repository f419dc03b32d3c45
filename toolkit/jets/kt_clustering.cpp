#include "toolkit/jets/kt_clustering.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "toolkit/jets/lane_scans.h"

namespace jetstudy::jets {
namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// The clustering state. The jets still clustering sit compactly in slots 0..count-1 (removing a jet moves the
// last slot into the freed one, as in FastJet's N2Plain), one array per quantity, so the distance scans and the
// search for the smallest d run along contiguous memory (lane_scans.h). The arrays the scans read (y, phi, d)
// are padded to a multiple of 4 entries.
class KtClusterer {
 public:
  // R = infinity: exclusive (no beam distance).
  KtClusterer(const ConstituentView& view, double R, KtRecombination recombination, bool track_members)
      : R2_(std::isfinite(R) ? R * R : kInfinity), recombination_(recombination), track_members_(track_members) {
    const std::size_t n = view.size();
    count_ = n;
    const std::size_t padded = (n + 3) / 4 * 4;
    for (auto* column : {&y_, &phi_, &d_}) column->resize(padded);  // what the lane scans read
    for (auto* column : {&px_, &py_, &pz_, &e_, &pt2_, &nn_r2_, &to_sum_}) column->resize(n);
    nn_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      px_[i] = view.px[i];
      py_[i] = view.py[i];
      pz_[i] = view.pz[i];
      e_[i] = view.e[i];
      pt2_[i] = px_[i] * px_[i] + py_[i] * py_[i];
      y_[i] = view.y[i];
      phi_[i] = view.phi[i] < 0 ? view.phi[i] + kTwoPi : view.phi[i];  // exact: Sterbenz
    }
    if (track_members_) {
      head_.resize(n);
      tail_.resize(n);
      next_.assign(n, kNone);
      for (std::size_t i = 0; i < n; ++i) head_[i] = tail_[i] = static_cast<std::uint32_t>(i);
    }
    for (std::size_t i = 0; i < n; ++i) find_neighbour(i);
  }

  std::size_t count() const { return count_; }

  // The same state, to go on with another recombination.
  KtClusterer with_recombination(KtRecombination recombination) const {
    KtClusterer copy = *this;
    copy.recombination_ = recombination;
    return copy;
  }

  // The next step: the smallest d merges a jet with its neighbour, or (inclusive) makes a jet without one final,
  // appended to `finished` when its pT^2 >= finished_pt2_min. Needs count() >= 1 (inclusive) or >= 2 (exclusive).
  void step(std::vector<KtPiece>* finished, double finished_pt2_min = 0) {
    const std::size_t best = smallest_distance();
    const std::uint32_t neighbour = nn_[best];
    if (neighbour == kNone) {
      if (px_[best] * px_[best] + py_[best] * py_[best] >= finished_pt2_min) finished->push_back(piece(best));
      remove(best);
    } else if (recombination_ == KtRecombination::wta_pt) {
      merge_winner_take_all(best, neighbour);
    } else {
      merge_e_scheme(best, neighbour);
    }
  }

  KtPiece piece(std::size_t slot) const {
    KtPiece out{px_[slot], py_[slot], pz_[slot], e_[slot], {}};
    if (track_members_) {
      for (std::uint32_t i = head_[slot]; i != kNone; i = next_[i]) out.members.push_back(i);
    }
    return out;
  }

  Axis axis(std::size_t slot) const { return {y_[slot], phi_[slot]}; }

 private:
  // dR^2 from jet i to every jet, into `out` (a pass that vectorises). phi in [0, 2 pi): one wrap, FastJet's value.
  void distances_from(std::size_t i, double* out) const {
    const double* y = y_.data();
    const double* phi = phi_.data();
    const double y_i = y[i], phi_i = phi[i];
    const std::size_t count = count_;
#pragma omp simd
    for (std::size_t k = 0; k < count; ++k) {
      const double raw = std::abs(phi_i - phi[k]);
      const double dphi = std::min(raw, kTwoPi - raw);
      const double dy = y_i - y[k];
      out[k] = dphi * dphi + dy * dy;
    }
  }

  // d = min(pT_i^2, pT_nn^2) dR^2, or pT_i^2 R^2 without a neighbour: the beam distance in units of R^2.
  void set_distance(std::size_t i) {
    const std::uint32_t neighbour = nn_[i];
    d_[i] = (neighbour == kNone ? pt2_[i] : std::min(pt2_[i], pt2_[neighbour])) * nn_r2_[i];
  }

  // i's geometric nearest neighbour closer than R, the first of equals (as FastJet's strict comparisons find
  // it); else none, with nn_r2 = R^2.
  void find_neighbour(std::size_t i) {
    const SmallestAt nearest = nearest_to(y_.data(), phi_.data(), count_, i, y_[i], phi_[i]);
    if (nearest.value < R2_) {
      nn_[i] = static_cast<std::uint32_t>(nearest.at);
      nn_r2_[i] = nearest.value;
    } else {
      nn_[i] = kNone;
      nn_r2_[i] = R2_;
    }
    set_distance(i);
  }

  // The first slot with the smallest d.
  std::size_t smallest_distance() const { return first_smallest(d_.data(), count_).at; }

  void move_slot(std::size_t from, std::size_t to) {
    px_[to] = px_[from];
    py_[to] = py_[from];
    pz_[to] = pz_[from];
    e_[to] = e_[from];
    pt2_[to] = pt2_[from];
    y_[to] = y_[from];
    phi_[to] = phi_[from];
    nn_[to] = nn_[from];
    nn_r2_[to] = nn_r2_[from];
    d_[to] = d_[from];
    if (track_members_) {
      head_[to] = head_[from];
      tail_[to] = tail_[from];
    }
  }

  // The jet in `slot` leaves and the last slot moves in. Jets whose neighbour it was look again (FastJet does the
  // same); links to the moved jet follow it. `changed` (if any) is a jet whose pT^2 changed: the d of jets that
  // have it as neighbour is set again.
  void remove(std::size_t slot, std::size_t changed = kNone) {
    const std::size_t last = --count_;
    if (slot != last) move_slot(last, slot);
    if (changed == last) changed = slot;
    for (std::size_t k = 0; k < count_; ++k) {
      std::uint32_t& neighbour = nn_[k];
      if (neighbour == slot) {
        find_neighbour(k);
        continue;
      }
      if (neighbour == last) neighbour = static_cast<std::uint32_t>(slot);
      if (neighbour == changed || k == changed) set_distance(k);
    }
  }

  void append_members(std::size_t to, std::size_t from) {
    if (!track_members_) return;
    next_[tail_[to]] = head_[from];
    tail_[to] = tail_[from];
  }

  // Winner-take-all: pT adds and the harder jet keeps its direction, so no distance changes: the softer jet
  // leaves, and the jets whose neighbour it was look again. (The sum stays in the harder jet's slot, not
  // FastJet's lower slot: only exactly equal distances could tell.)
  void merge_winner_take_all(std::size_t i, std::size_t j) {
    const std::size_t harder = pt2_[i] >= pt2_[j] ? i : j;
    const std::size_t softer = harder == i ? j : i;
    const double pt = std::sqrt(pt2_[i]) + std::sqrt(pt2_[j]);
    pt2_[harder] = pt * pt;
    append_members(harder, softer);
    remove(softer, harder);
  }

  // E-scheme: as in FastJet's N2Plain, the sum takes the lower of the two slots and the last slot moves into the
  // higher one. Only the sum has a new direction. A jet whose neighbour was one of the pair keeps the sum as
  // neighbour when it is strictly closer than that neighbour was (every other jet is where it was, and none was
  // closer); otherwise it scans again. Every other jet only compares with the sum, and the same pass finds the
  // sum's own neighbour.
  void merge_e_scheme(std::size_t i, std::size_t j) {
    const std::size_t sum = std::min(i, j), gone = std::max(i, j);
    px_[sum] += px_[gone];
    py_[sum] += py_[gone];
    pz_[sum] += pz_[gone];
    e_[sum] += e_[gone];
    pt2_[sum] = px_[sum] * px_[sum] + py_[sum] * py_[sum];
    fastjet_direction(px_[sum], py_[sum], pz_[sum], e_[sum], pt2_[sum], &y_[sum], &phi_[sum]);
    append_members(sum, gone);
    const std::size_t last = --count_;
    if (gone != last) move_slot(last, gone);
    double* to_sum = to_sum_.data();
    distances_from(sum, to_sum);
    double sum_closest = R2_;
    std::uint32_t sum_neighbour = kNone;
    for (std::size_t k = 0; k < count_; ++k) {
      if (k == sum) continue;
      std::uint32_t& neighbour = nn_[k];
      const bool lost = neighbour == sum || neighbour == gone;
      if (neighbour == last) neighbour = static_cast<std::uint32_t>(gone);  // it moved
      const double r2 = to_sum[k];
      if (r2 < sum_closest) {
        sum_closest = r2;
        sum_neighbour = static_cast<std::uint32_t>(k);
      }
      if (r2 < nn_r2_[k]) {
        nn_r2_[k] = r2;
        neighbour = static_cast<std::uint32_t>(sum);
        set_distance(k);
      } else if (lost) {
        find_neighbour(k);
      }
    }
    nn_[sum] = sum_neighbour;
    nn_r2_[sum] = sum_closest;
    set_distance(sum);
  }

  double R2_;
  KtRecombination recombination_;
  bool track_members_;
  std::size_t count_ = 0;
  std::vector<double> px_, py_, pz_, e_, pt2_, y_, phi_;
  std::vector<std::uint32_t> nn_;
  std::vector<double> nn_r2_, d_;
  std::vector<double> to_sum_;  // distances from the latest sum to every jet
  // Members of the jet in each slot as a linked list over constituent positions.
  std::vector<std::uint32_t> head_, tail_, next_;
};

}  // namespace

void fastjet_direction(double px, double py, double pz, double e, double kt2, double* y, double* phi) {
  double azimuth = kt2 == 0.0 ? 0.0 : std::atan2(py, px);
  if (azimuth < 0.0) azimuth += kTwoPi;
  if (azimuth >= kTwoPi) azimuth -= kTwoPi;
  *phi = azimuth;
  if (e == std::abs(pz) && kt2 == 0) {
    const double max_rap = 1e5 + std::abs(pz);  // FastJet's MaxRap, lifted by |pz| as FastJet does
    *y = pz >= 0.0 ? max_rap : -max_rap;
    return;
  }
  const double effective_m2 = std::max(0.0, (e + pz) * (e - pz) - kt2);
  const double e_plus_pz = e + std::abs(pz);
  const double rapidity = 0.5 * std::log((kt2 + effective_m2) / (e_plus_pz * e_plus_pz));
  *y = pz > 0 ? -rapidity : rapidity;
}

std::vector<KtPiece> inclusive_kt_pieces(const ConstituentView& view, double R, double pt2_min) {
  std::vector<KtPiece> finished;
  KtClusterer clusterer(view, R, KtRecombination::e_scheme, true);
  while (clusterer.count() > 0) clusterer.step(&finished, pt2_min);
  // FastJet's inclusive_jets() walks the history backwards: the last jet made final comes first.
  std::reverse(finished.begin(), finished.end());
  return finished;
}

std::vector<KtPiece> exclusive_kt_pieces(const ConstituentView& view, std::size_t n) {
  std::vector<KtPiece> pieces;
  KtClusterer clusterer(view, kInfinity, KtRecombination::e_scheme, false);
  while (clusterer.count() > std::max<std::size_t>(n, 1)) clusterer.step(nullptr);
  for (std::size_t slot = 0; slot < clusterer.count(); ++slot) pieces.push_back(clusterer.piece(slot));
  return pieces;
}

namespace {

// Merge down to one jet, noting the directions when 4, 3, 2 and 1 remain.
AxesByN axes_of(KtClusterer clusterer) {
  AxesByN axes;
  while (clusterer.count() > 1) {
    clusterer.step(nullptr);
    const std::size_t count = clusterer.count();
    if (count > axes.size()) continue;
    for (std::size_t slot = 0; slot < count; ++slot) axes[count - 1].push_back(clusterer.axis(slot));
  }
  return axes;
}

}  // namespace

AxesByN exclusive_kt_axes(const ConstituentView& view, KtRecombination recombination) {
  if (view.size() < 2) return {};
  return axes_of(KtClusterer(view, kInfinity, recombination, false));
}

ExclusiveKtAxes exclusive_kt_axes_both(const ConstituentView& view) {
  if (view.size() < 2) return {};
  const KtClusterer start(view, kInfinity, KtRecombination::e_scheme, false);
  return {axes_of(start), axes_of(start.with_recombination(KtRecombination::wta_pt))};
}

}  // namespace jetstudy::jets
