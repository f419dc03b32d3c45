#include "toolkit/jets/jet_shapes.h"

#include <catch2/catch.hpp>

#include <cmath>

#include "tests/jets/make_jet.h"
#include "toolkit/core/error.h"

using namespace jetstudy::jets;
using testing::make_jet;

TEST_CASE("jet_shapes: jet charge is sum q pT^kappa over pT_J^kappa") {
  const Jet jet = make_jet({{100, 0, 0, +1}, {50, 0, 0.2, -1}, {30, 0.1, 0, 0}});
  for (const double kappa : {0.3, 0.5, 1.0}) {
    const double expected = (std::pow(100, kappa) - std::pow(50, kappa)) / std::pow(jet.pt, kappa);
    CHECK(jet_charge(jet, kappa) == Approx(expected).epsilon(1e-12));
  }
  CHECK(jet_charge(make_jet({{100, 0, 0, -1}}), 0.5) == Approx(-1));
  REQUIRE_THROWS_AS(jet_charge(jet, 0), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(jet_charge(jet, -1), Catch::Matchers::Contains("kappa must be > 0"));
}

TEST_CASE("jet_shapes: width of two equal particles at +-d/2 is p d / pT_J, pT_D of 3 and 4 GeV is 5/7") {
  const double d = 0.4, p = 100;
  const Jet jet = make_jet({{p, 0, d / 2}, {p, 0, -d / 2}});
  // The axis is at phi = 0; pT_J = 2 p cos(d/2).
  CHECK(jet_width(jet) == Approx(2 * p * (d / 2) / (2 * p * std::cos(d / 2))).epsilon(1e-12));
  CHECK(jet_width(make_jet({{p, 0.5, 1}})) == Approx(0).margin(1e-12));
  CHECK(jet_ptd(make_jet({{3, 0, 0}, {4, 0, 0.1}})) == Approx(5.0 / 7.0).epsilon(1e-12));
  CHECK(jet_ptd(make_jet({{80, 0, 0}})) == Approx(1));
  CHECK(jet_ptd(Jet{}) == 0);
  CHECK(jet_width(Jet{}) == 0);
}
