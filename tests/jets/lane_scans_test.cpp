#include "toolkit/jets/lane_scans.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

using namespace jetstudy::jets;

namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;

// The definitions written out: one scalar pass with strict comparisons, as FastJet searches.
SmallestAt nearest_reference(const std::vector<double>& y, const std::vector<double>& phi, std::size_t count,
                             std::size_t self) {
  SmallestAt out;
  for (std::size_t k = 0; k < count; ++k) {
    if (k == self) continue;
    const double raw = std::abs(phi[self] - phi[k]);
    const double dphi = std::min(raw, kTwoPi - raw);
    const double dy = y[self] - y[k];
    const double r2 = dphi * dphi + dy * dy;
    if (r2 < out.value) out = {r2, k};
  }
  return out;
}

SmallestAt smallest_reference(const std::vector<double>& values, std::size_t count) {
  SmallestAt out;
  for (std::size_t k = 0; k < count; ++k) {
    if (values[k] < out.value) out = {values[k], k};
  }
  return out;
}

// Points on a coarse grid, so that many distances tie exactly; past `count` (up to 4 more) the arrays hold a point
// on top of every other, which the searches must not see.
struct Points {
  std::vector<double> y, phi;
};
Points grid_points(std::size_t count, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> cell(0, 5);
  Points points;
  for (std::size_t k = 0; k < count; ++k) {
    points.y.push_back(0.1 * cell(rng) - 0.2);
    // Cells either side of phi = 0 = 2 pi, so the wrap decides distances.
    points.phi.push_back(std::fmod(kTwoPi + 0.1 * (cell(rng) - 2), kTwoPi));
  }
  for (std::size_t k = 0; k < 4; ++k) {
    points.y.push_back(points.y[0]);
    points.phi.push_back(points.phi[0]);
  }
  return points;
}

void check_same(const SmallestAt& got, const SmallestAt& want) {
  CHECK(got.value == want.value);
  if (std::isfinite(want.value)) CHECK(got.at == want.at);
}

}  // namespace

TEST_CASE("lane_scans: the nearest jet is the first of equals, past the phi wrap, in every lane width") {
  std::mt19937_64 rng(11);
  int ties = 0;
  for (std::size_t count = 1; count <= 13; ++count) {
    for (int trial = 0; trial < 20; ++trial) {
      const Points points = grid_points(count, rng);
      for (std::size_t self = 0; self < count; ++self) {
        INFO("count " << count << ", self " << self);
        const SmallestAt want = nearest_reference(points.y, points.phi, count, self);
        const double y0 = points.y[self], phi0 = points.phi[self];
        check_same(nearest_to(points.y.data(), points.phi.data(), count, self, y0, phi0), want);
        check_same(lanes::nearest_to<2>(points.y.data(), points.phi.data(), count, self, y0, phi0), want);
        check_same(lanes::nearest_to<4>(points.y.data(), points.phi.data(), count, self, y0, phi0), want);
        for (std::size_t k = want.at + 1; k < count; ++k) {
          if (k != self && nearest_reference(points.y, points.phi, k + 1, self).value == want.value) ++ties;
        }
      }
    }
  }
  CHECK(ties > 100);  // the grid gives the tie-break plenty to decide
}

TEST_CASE("lane_scans: a lone jet has no nearest jet") {
  const std::vector<double> y{0.3, 0.3, 0.3, 0.3}, phi{1.0, 1.0, 1.0, 1.0};
  CHECK(std::isinf(nearest_to(y.data(), phi.data(), 1, 0, y[0], phi[0]).value));
  CHECK(std::isinf(lanes::nearest_to<4>(y.data(), phi.data(), 1, 0, y[0], phi[0]).value));
}

TEST_CASE("lane_scans: the smallest value is found at its first slot and nothing past count counts") {
  std::mt19937_64 rng(12);
  std::uniform_int_distribution<int> level(1, 4);
  for (std::size_t count = 1; count <= 13; ++count) {
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<double> values;
      for (std::size_t k = 0; k < count; ++k) values.push_back(level(rng));
      values.insert(values.end(), 4, 0.0);  // smaller than all, but past count
      INFO("count " << count);
      const SmallestAt want = smallest_reference(values, count);
      check_same(first_smallest(values.data(), count), want);
      check_same(lanes::first_smallest<2>(values.data(), count), want);
      check_same(lanes::first_smallest<4>(values.data(), count), want);
    }
  }
  const std::vector<double> infinite(4, std::numeric_limits<double>::infinity());
  CHECK(first_smallest(infinite.data(), 3).at == 0);  // as the scalar search: slot 0 when nothing is finite
}
