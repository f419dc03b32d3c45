#include <catch2/catch.hpp>

#include <cmath>

#include "toolkit/events/generator/decays.h"

using namespace jetstudy::events::generator;

namespace {
FourVector total_of(const std::vector<Hadron>& hadrons) {
  FourVector total;
  for (const Hadron& h : hadrons) total += h.momentum;
  return total;
}
}  // namespace

TEST_CASE("decays: a pi0 becomes two photons carrying its four-momentum") {
  Random random(1);
  const Hadron pi0{FourVector::from_pt_eta_phi_m(5, 0.2, 1, 0.1349768), 111, 0};
  std::vector<Hadron> out;
  decay_to_stable(pi0, random, {}, out);
  REQUIRE(out.size() == 2);
  for (const Hadron& h : out) {
    CHECK(h.pid == 22);
    CHECK(h.momentum.m2() == Approx(0).margin(1e-9));
  }
  CHECK(total_of(out).e == Approx(pi0.momentum.e).epsilon(1e-12));
  CHECK(total_of(out).m() == Approx(0.1349768).epsilon(1e-6));
}

TEST_CASE("decays: n-body decays conserve four-momentum and put every product on its mass") {
  Random random(2);
  const FourVector b = FourVector::from_pt_eta_phi_m(100, -1, 2, 5.27934);
  const std::vector<double> masses{0.1056583755, 0, 0.493677, 0.13957039, 0.1349768};
  for (int i = 0; i < 200; ++i) {
    const auto products = decay_n_body(b, masses, random);
    FourVector total;
    for (std::size_t k = 0; k < products.size(); ++k) {
      total += products[k];
      CHECK(products[k].m2() == Approx(masses[k] * masses[k]).margin(1e-9 * b.e * b.e));
    }
    CHECK(total.e == Approx(b.e).epsilon(1e-10));
    CHECK(total.pz == Approx(b.pz).epsilon(1e-10));
  }
}

TEST_CASE("decays: B hadrons decay semi-leptonically in ~20 % of cases, with the lepton sign of the b") {
  Random random(3);
  int semileptonic = 0, right_sign = 0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    // -521: a B- (b ubar), i.e. from a b quark: b -> c l- nu-bar, PDG code of l- positive.
    const Hadron b{FourVector::from_pt_eta_phi_m(100, 0, 0, 5.27934), -521, 0};
    std::vector<Hadron> out;
    decay_to_stable(b, random, {}, out);
    CHECK(out.size() >= 3);
    CHECK(total_of(out).e == Approx(b.momentum.e).epsilon(1e-9));
    for (const Hadron& h : out) {
      CHECK(std::abs(h.pid) != 521);
      CHECK(std::abs(h.pid) != 111);  // pi0s decayed
      if (std::abs(h.pid) == 11 || std::abs(h.pid) == 13) {
        ++semileptonic;
        if (h.pid > 0 && h.charge == -1) ++right_sign;
      }
    }
  }
  CHECK(static_cast<double>(semileptonic) / n == Approx(0.2).margin(0.02));
  CHECK(right_sign == semileptonic);
}
