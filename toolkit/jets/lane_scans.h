// The two searches the lean kT clustering (kt_clustering.h) repeats at every step, written for vector lanes
// (internal to toolkit/jets/): the nearest jet to a point in (y, phi), and the smallest of the d values. Each
// returns the first slot among equals, as FastJet's strict comparisons do, so the clustering is FastJet's to the
// last bit whichever lane width runs.
//
// One pass computes each distance and keeps, per lane, the smallest value and where it was; the lanes are then
// reduced. Against writing the distances out, taking their minimum and searching for it again, whole
// clusterings of 50-100 jets take 25-30 % less time with AVX2's four lanes, and 7-14 % more with SSE2's two
// (x86-64 CPUs without AVX2, from before 2013, are rare); docs/jets.md "Speed" has the figures.
#pragma once

#include <cstddef>
#include <cstring>
#include <limits>
#include <numbers>

namespace jetstudy::jets {

struct SmallestAt {
  double value = std::numeric_limits<double>::infinity();
  std::size_t at = 0;  // slot 0 when value is infinite (nothing finite, or nothing, was searched)
};

// GCC on x86-64 builds each search for AVX2 (four lanes) and for the baseline (two, SSE2's width), and a caller
// that sees both declarations calls the one the CPU runs best (chosen once, at load time). Elsewhere there is
// one build, with two lanes (NEON's width on AArch64). Both widths give the same answer to the bit.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define JETSTUDY_LANE_SCANS_VERSIONS 1
#define JETSTUDY_FOR_AVX2 __attribute__((target("avx2")))
#define JETSTUDY_FOR_BASELINE __attribute__((target("default")))
#else
#define JETSTUDY_LANE_SCANS_VERSIONS 0
#define JETSTUDY_FOR_BASELINE
#endif

// The smallest dR^2 = dy^2 + dphi^2 from (y0, phi0) to the jets in slots [0, count) other than `self`, and the
// first slot with it. phi in [0, 2 pi), so one wrap (FastJet's min(|dphi|, 2 pi - |dphi|)) gives dphi. The
// arrays must be readable up to count rounded up to 4 (what lies beyond count is ignored).
JETSTUDY_FOR_BASELINE SmallestAt nearest_to(const double* y, const double* phi, std::size_t count, std::size_t self,
                                            double y0, double phi0);
// The smallest of values[0, count) and its first slot; readable as above.
JETSTUDY_FOR_BASELINE SmallestAt first_smallest(const double* values, std::size_t count);
#if JETSTUDY_LANE_SCANS_VERSIONS
JETSTUDY_FOR_AVX2 SmallestAt nearest_to(const double* y, const double* phi, std::size_t count, std::size_t self,
                                        double y0, double phi0);
JETSTUDY_FOR_AVX2 SmallestAt first_smallest(const double* values, std::size_t count);
#endif

// The searches for a given lane width, for the dispatchers and the tests.
namespace lanes {

template <std::size_t W>
struct Vector {
  typedef double type __attribute__((vector_size(W * sizeof(double))));
};
// Lane numbers, to reorder a Vector's lanes with GCC's __builtin_shuffle (Clang's takes them as arguments).
template <std::size_t W>
struct Order {
  typedef long long type __attribute__((vector_size(W * sizeof(long long))));
};

// Vectors only pass by reference here: passed by value, AVX vectors change the ABI (GCC warns).

template <std::size_t W>
[[gnu::always_inline]] inline void load(typename Vector<W>::type& lanes, const double* from) {
  std::memcpy(&lanes, from, sizeof lanes);
}

template <std::size_t W>
[[gnu::always_inline]] inline void set_first_positions(typename Vector<W>::type& positions) {
  for (std::size_t q = 0; q < W; ++q) positions[q] = static_cast<double>(q);
}

// Every lane set to the smallest of the lanes: pairwise minima with the lanes swapped in halves, then in pairs.
template <std::size_t W>
[[gnu::always_inline]] inline void spread_smallest(typename Vector<W>::type& lanes) {
  using Lanes = typename Vector<W>::type;
  static_assert(W == 2 || W == 4, "two or four lanes");
#if defined(__clang__)
#define JETSTUDY_REORDER(lanes, ...) __builtin_shufflevector(lanes, lanes, __VA_ARGS__)
#else
  using Order = typename Order<W>::type;
#define JETSTUDY_REORDER(lanes, ...) __builtin_shuffle(lanes, Order{__VA_ARGS__})
#endif
  if constexpr (W == 4) {
    const Lanes halves = JETSTUDY_REORDER(lanes, 2, 3, 0, 1);
    lanes = halves < lanes ? halves : lanes;
    const Lanes pairs = JETSTUDY_REORDER(lanes, 1, 0, 3, 2);
    lanes = pairs < lanes ? pairs : lanes;
  } else {
    const Lanes pairs = JETSTUDY_REORDER(lanes, 1, 0);
    lanes = pairs < lanes ? pairs : lanes;
  }
#undef JETSTUDY_REORDER
}

// Lane q holds the smallest value it saw and its first position; the answer is the smallest value, and among
// lanes holding it the first position. In vector operations, without branches: on a few dozen jets a
// mispredicted branch here costs as much as the scan.
template <std::size_t W>
[[gnu::always_inline]] inline SmallestAt reduce(const typename Vector<W>::type& best,
                                                const typename Vector<W>::type& at) {
  using Lanes = typename Vector<W>::type;
  Lanes value = best;
  spread_smallest<W>(value);
  Lanes position = best == value ? at : Lanes{} + std::numeric_limits<double>::max();
  spread_smallest<W>(position);
  return {value[0], static_cast<std::size_t>(position[0])};
}

template <std::size_t W>
[[gnu::always_inline]] inline SmallestAt nearest_to(const double* y, const double* phi, std::size_t count,
                                                    std::size_t self, double y0, double phi0) {
  using Lanes = typename Vector<W>::type;
  const Lanes infinity = Lanes{} + std::numeric_limits<double>::infinity();
  const Lanes two_pi = Lanes{} + 2 * std::numbers::pi;
  const double end = static_cast<double>(count), excluded = static_cast<double>(self);
  Lanes best = infinity, at = Lanes{}, position, phi_k, y_k;
  set_first_positions<W>(position);
  for (std::size_t k = 0; k < count; k += W, position += static_cast<double>(W)) {
    load<W>(phi_k, phi + k);
    load<W>(y_k, y + k);
    const Lanes difference = phi0 - phi_k;
    const Lanes raw = difference < 0 ? -difference : difference;
    const Lanes wrapped = two_pi - raw;
    const Lanes dphi = wrapped < raw ? wrapped : raw;
    const Lanes dy = y0 - y_k;
    Lanes r2 = dphi * dphi + dy * dy;
    r2 = (position == excluded || position >= end) ? infinity : r2;
    const auto closer = r2 < best;
    best = closer ? r2 : best;
    at = closer ? position : at;
  }
  return reduce<W>(best, at);
}

template <std::size_t W>
[[gnu::always_inline]] inline SmallestAt first_smallest(const double* values, std::size_t count) {
  using Lanes = typename Vector<W>::type;
  const Lanes infinity = Lanes{} + std::numeric_limits<double>::infinity();
  const double end = static_cast<double>(count);
  Lanes best = infinity, at = Lanes{}, position, value;
  set_first_positions<W>(position);
  for (std::size_t k = 0; k < count; k += W, position += static_cast<double>(W)) {
    load<W>(value, values + k);
    value = position >= end ? infinity : value;
    const auto smaller = value < best;
    best = smaller ? value : best;
    at = smaller ? position : at;
  }
  return reduce<W>(best, at);
}

}  // namespace lanes
}  // namespace jetstudy::jets
