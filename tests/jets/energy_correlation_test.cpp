#include "toolkit/jets/energy_correlation.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "tests/jets/make_jet.h"

using namespace jetstudy::jets;
using testing::make_jet;

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
}
