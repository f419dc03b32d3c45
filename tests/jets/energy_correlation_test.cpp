#include "toolkit/jets/energy_correlation.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "tests/jets/make_jet.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/jets/constituent_view.h"
#include "toolkit/jets/jet_finder.h"

using namespace jetstudy::jets;
using testing::make_jet;

namespace {

// The definition written out: a plain loop over i < j < k in long double, on the same (y, phi) the library uses.
struct Reference {
  long double e2_1 = 0, e2_2 = 0, e3_1 = 0, e3_2 = 0;
};

Reference reference(const Jet& jet) {
  const ConstituentView view = make_constituent_view(jet);
  const std::size_t n = view.size();
  auto dr = [&](std::size_t a, std::size_t b) {
    const long double dy = static_cast<long double>(view.y[a]) - view.y[b];
    long double dphi = std::abs(static_cast<long double>(view.phi[a]) - view.phi[b]);
    dphi = std::min(dphi, 2 * std::numbers::pi_v<long double> - dphi);
    return std::sqrt(dy * dy + dphi * dphi);
  };
  std::vector<long double> z(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = static_cast<long double>(view.pt[i]) / view.pt_sum;
  Reference out;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const long double r_ij = dr(i, j);
      out.e2_1 += z[i] * z[j] * r_ij;
      out.e2_2 += z[i] * z[j] * r_ij * r_ij;
      for (std::size_t k = j + 1; k < n; ++k) {
        const long double product = r_ij * dr(i, k) * dr(j, k);
        out.e3_1 += z[i] * z[j] * z[k] * product;
        out.e3_2 += z[i] * z[j] * z[k] * product * product;
      }
    }
  }
  return out;
}

// Relative agreement to 1e-13: the vectorised kernel (either of its AVX2 / baseline builds) against the loop.
void check_against_reference(const Jet& jet) {
  const Reference want = reference(jet);
  const EnergyCorrelations got = energy_correlations(jet);
  CHECK(got.beta1.e2 == Approx(static_cast<double>(want.e2_1)).epsilon(1e-13));
  CHECK(got.beta2.e2 == Approx(static_cast<double>(want.e2_2)).epsilon(1e-13));
  CHECK(got.beta1.e3 == Approx(static_cast<double>(want.e3_1)).epsilon(1e-13));
  CHECK(got.beta2.e3 == Approx(static_cast<double>(want.e3_2)).epsilon(1e-13));
}

}  // namespace

TEST_CASE("energy_correlation: three equal particles on an equilateral triangle have D2 = 1 and C2 = e2") {
  // Side d in (eta, phi); z = 1/3 each: e2 = 3 (1/9) d^b = d^b / 3, e3 = (1/27) d^(3b).
  const double d = 0.4;
  const double h = d * std::sqrt(3.0) / 2;
  const Jet jet = make_jet({{100, 0, 0}, {100, d, 0}, {100, d / 2, h}});
  const EnergyCorrelations ecf = energy_correlations(jet);
  CHECK(ecf.beta1.e2 == Approx(d / 3).epsilon(1e-12));
  CHECK(ecf.beta1.e3 == Approx(d * d * d / 27).epsilon(1e-12));
  CHECK(ecf.beta1.c2() == Approx(d / 3).epsilon(1e-12));
  CHECK(ecf.beta1.d2() == Approx(1).epsilon(1e-12));
  CHECK(ecf.beta2.e2 == Approx(d * d / 3).epsilon(1e-12));
  CHECK(ecf.beta2.c2() == Approx(d * d / 3).epsilon(1e-12));
  CHECK(ecf.beta2.d2() == Approx(1).epsilon(1e-12));
}

TEST_CASE("energy_correlation: a symmetric two-prong jet has C2 = 0, one particle has C2 = D2 = 0") {
  // Two prongs, each two collinear particles of 50 GeV, 0.6 apart: every triplet has a zero angle.
  const Jet two_prong = make_jet({{50, 0, 0}, {50, 0, 0}, {50, 0.6, 0}, {50, 0.6, 0}});
  const EnergyCorrelations ecf = energy_correlations(two_prong);
  CHECK(ecf.beta1.e2 == Approx(4 * 0.25 * 0.25 * 0.6).epsilon(1e-12));
  CHECK(ecf.beta1.e3 == 0);
  CHECK(ecf.beta1.c2() == 0);
  // Adding a soft third prong raises C2 from 0 by exactly z_soft-weighted triangles.
  const Jet three = make_jet({{100, 0, 0}, {100, 0.6, 0}, {10, 0.3, 0.4}});
  const double z1 = 100.0 / 210, z3 = 10.0 / 210;
  const double e2 = z1 * z1 * 0.6 + 2 * z1 * z3 * 0.5;  // the soft one is 0.5 from each hard one
  const double e3 = z1 * z1 * z3 * 0.6 * 0.5 * 0.5;
  const EnergyCorrelations got = energy_correlations(three);
  CHECK(got.beta1.e2 == Approx(e2).epsilon(1e-12));
  CHECK(got.beta1.e3 == Approx(e3).epsilon(1e-12));
  CHECK(got.beta1.c2() == Approx(e3 / (e2 * e2)).epsilon(1e-12));
  CHECK(got.beta1.d2() == Approx(e3 / (e2 * e2 * e2)).epsilon(1e-12));
  const double e2b2 = z1 * z1 * 0.36 + 2 * z1 * z3 * 0.25, e3b2 = z1 * z1 * z3 * 0.36 * 0.25 * 0.25;
  CHECK(got.beta2.c2() == Approx(e3b2 / (e2b2 * e2b2)).epsilon(1e-12));

  const EnergyCorrelations single = energy_correlations(make_jet({{300, 1, 1}}));
  CHECK(single.beta1.c2() == 0);
  CHECK(single.beta2.d2() == 0);
}

TEST_CASE("energy_correlation: angles wrap around phi = pi") {
  const double pi = std::numbers::pi;
  const Jet across = make_jet({{100, 0, pi - 0.1}, {100, 0, -pi + 0.1}, {100, 0.2, pi}});
  const Jet inside = make_jet({{100, 0, -0.1}, {100, 0, 0.1}, {100, 0.2, 0}});
  CHECK(energy_correlations(across).beta1.e3 == Approx(energy_correlations(inside).beta1.e3).epsilon(1e-9));
  CHECK(energy_correlations(across).beta1.e2 == Approx(energy_correlations(inside).beta1.e2).epsilon(1e-9));
  CHECK(energy_correlations(across).beta2.e3 == Approx(energy_correlations(inside).beta2.e3).epsilon(1e-9));
  CHECK(energy_correlations(across).beta2.e2 == Approx(energy_correlations(inside).beta2.e2).epsilon(1e-9));
}

TEST_CASE("energy_correlation: beta = 2 is the triple loop also for constituents spanning more than pi in phi") {
  // beta = 2 comes from moments about one point, which needs the constituents within pi of each other in phi;
  // wider sets (no jet of R < pi/2 has them) take the triple loop for both exponents.
  const double pi = std::numbers::pi;
  const Jet wide = make_jet({{100, 0, -1.7}, {80, 0.3, 1.7}, {60, -0.2, 0.1}, {30, 0.5, pi}, {20, -0.4, -2.6}});
  check_against_reference(wide);
  const Jet narrow = make_jet({{100, 0, -0.5}, {80, 0.3, 0.5}, {60, -0.2, 0.1}, {30, 0.5, 0.2}, {20, -0.4, -0.3}});
  check_against_reference(narrow);
}

TEST_CASE("energy_correlation: beta = 2 of constituents on two points is zero to rounding and never negative") {
  // e3 vanishes exactly for two distinct directions; the moment determinant must not leave -1e-20 or +1e-20.
  const Jet two_points = make_jet({{50, 0.1, 0.2}, {70, 0.1, 0.2}, {30, 0.55, -0.15}, {20, 0.55, -0.15}});
  const EnergyCorrelations ecf = energy_correlations(two_points);
  CHECK(ecf.beta2.e2 > 0);
  CHECK(std::abs(ecf.beta2.e3) <= 1e-15 * ecf.beta2.e2 * ecf.beta2.e2);
  CHECK(ecf.beta2.e3 >= 0);
}

TEST_CASE("energy_correlation: matches a plain triple loop for every size from 2 to 13 constituents") {
  // Sizes on both sides of the 4-wide blocks the kernel pads to; spread across the phi = pi seam.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> pt(1, 100), eta(-0.8, 0.8), dphi(-0.8, 0.8);
  for (std::size_t n = 2; n <= 13; ++n) {
    std::vector<testing::Massless> particles;
    for (std::size_t i = 0; i < n; ++i) {
      const double phi = std::remainder(std::numbers::pi + dphi(rng), 2 * std::numbers::pi);
      particles.push_back({pt(rng), eta(rng), phi});
    }
    INFO("n = " << n);
    check_against_reference(make_jet(particles));
  }
}

TEST_CASE("energy_correlation: matches a plain triple loop on generated trimmed top jets") {
  jetstudy::events::generator::GeneratorOptions options;
  options.process = jetstudy::events::generator::Process::top;
  options.pt_min_gev = 350;
  options.pt_max_gev = 450;
  options.seed = 11;
  jetstudy::events::generator::Generator generator(options);
  JetSpec spec;
  spec.R = 1.0;
  spec.max_jets = 1;
  spec.trim = TrimSpec{0.2, 0.05};
  const JetFinder finder(spec);
  std::size_t checked = 0, largest = 0;
  for (int event = 0; event < 12; ++event) {
    const std::vector<Jet> jets = finder.find(generator.next());
    if (jets.empty()) continue;
    INFO("event " << event << ", " << jets[0].constituents.size() << " constituents");
    check_against_reference(jets[0]);
    ++checked;
    largest = std::max(largest, jets[0].constituents.size());
  }
  CHECK(checked >= 10);
  CHECK(largest >= 50);  // realistic sizes, well past the 4 x 4 tiles
}
