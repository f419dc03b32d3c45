// The two searches the lean kT clustering (kt_clustering.h) repeats at every step, written for vector lanes
// (internal to toolkit/jets/): the nearest jet to a point in (y, phi), and the smallest of the d values. Each
// returns the first slot among equals, as FastJet's strict comparisons do, so the clustering is FastJet's to the
// last bit whichever lane width runs.
//
// One pass computes each distance and keeps, per lane, the smallest value and where it was; the lanes are then
// reduced. On ~50-100 jets this is ~20 % faster than writing the distances out and searching them again, with
// AVX2's four lanes; with SSE2's two it is ~20 % slower, and x86-64 CPUs without AVX2 (before 2013) are rare.
#pragma once

#include <cstddef>
#include <cstring>
#include <limits>
#include <numbers>

namespace jetstudy::jets {

struct SmallestAt {
  double value = std::numeric_limits<double>::infinity();
  std::size_t at = 0;  // meaningless when value is infinite (nothing was searched)
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

// GCC notes that AVX vectors passed by value change the ABI; these helpers are always inlined, so none is passed.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

template <std::size_t W>
[[gnu::always_inline]] inline typename Vector<W>::type load(const double* from) {
  typename Vector<W>::type lanes;
  std::memcpy(&lanes, from, sizeof lanes);
  return lanes;
}

template <std::size_t W>
[[gnu::always_inline]] inline typename Vector<W>::type first_positions() {
  typename Vector<W>::type positions;
  for (std::size_t q = 0; q < W; ++q) positions[q] = static_cast<double>(q);
  return positions;
}

// Lane q holds the smallest value it saw and its first position; the answer is the smallest value, and among
// lanes holding it the first position.
template <std::size_t W>
[[gnu::always_inline]] inline SmallestAt reduce(typename Vector<W>::type best, typename Vector<W>::type at) {
  double value = best[0], position = at[0];
  for (std::size_t q = 1; q < W; ++q) {
    if (best[q] < value || (best[q] == value && at[q] < position)) {
      value = best[q];
      position = at[q];
    }
  }
  return {value, static_cast<std::size_t>(position)};
}

template <std::size_t W>
[[gnu::always_inline]] inline SmallestAt nearest_to(const double* y, const double* phi, std::size_t count,
                                                    std::size_t self, double y0, double phi0) {
  using Lanes = typename Vector<W>::type;
  const Lanes infinity = Lanes{} + std::numeric_limits<double>::infinity();
  const Lanes two_pi = Lanes{} + 2 * std::numbers::pi;
  const double end = static_cast<double>(count), excluded = static_cast<double>(self);
  Lanes best = infinity, at = Lanes{};
  Lanes position = first_positions<W>();
  for (std::size_t k = 0; k < count; k += W, position += static_cast<double>(W)) {
    const Lanes difference = phi0 - load<W>(phi + k);
    const Lanes raw = difference < 0 ? -difference : difference;
    const Lanes wrapped = two_pi - raw;
    const Lanes dphi = wrapped < raw ? wrapped : raw;
    const Lanes dy = y0 - load<W>(y + k);
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
  Lanes best = infinity, at = Lanes{};
  Lanes position = first_positions<W>();
  for (std::size_t k = 0; k < count; k += W, position += static_cast<double>(W)) {
    Lanes value = load<W>(values + k);
    value = position >= end ? infinity : value;
    const auto smaller = value < best;
    best = smaller ? value : best;
    at = smaller ? position : at;
  }
  return reduce<W>(best, at);
}

#pragma GCC diagnostic pop

}  // namespace lanes
}  // namespace jetstudy::jets
