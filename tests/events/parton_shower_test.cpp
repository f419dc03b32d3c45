#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "toolkit/events/generator/hard_process.h"
#include "toolkit/events/generator/parton_shower.h"

using namespace jetstudy::events::generator;

namespace {
ShowerSeed seed(int pid, double energy, double max_angle) {
  return {{FourVector::massless({1, 0, 0}, energy), pid}, max_angle};
}
}  // namespace

TEST_CASE("parton_shower: one-loop alpha_s runs from ~0.5 at the cut-off to ~0.13 at the Z mass") {
  const PartonShower shower;
  CHECK(shower.alpha_s(1.0) == Approx(1.0 / ((23.0 / (12 * M_PI)) * std::log(25.0))).epsilon(1e-12));
  CHECK(shower.alpha_s(91.19) == Approx(0.134).margin(0.002));
  CHECK(shower.alpha_s(0.3) == shower.alpha_s(1.0));  // frozen below Q0
  CHECK(shower.alpha_s(10) < shower.alpha_s(2));
}

TEST_CASE("parton_shower: energy is conserved exactly and every parton stays inside the allowed cone") {
  const PartonShower shower;
  Random random(1);
  for (int i = 0; i < 500; ++i) {
    std::vector<Parton> out;
    shower.shower(seed(i % 2 ? 21 : 2, 300, 0.8), random, out);
    double energy = 0;
    for (const Parton& p : out) {
      energy += p.momentum.e;
      CHECK(p.momentum.m2() == Approx(0).margin(1e-6));
      // Angular ordering: a daughter of a branching at theta < 0.8 sits at most ~0.8 from the axis.
      CHECK(angle_between(p.momentum.p3(), {1, 0, 0}) < 0.8 * 1.6);
    }
    CHECK(energy == Approx(300).epsilon(1e-10));
  }
}

TEST_CASE("parton_shower: no branching below the cut-off, so a soft parton in a narrow cone stays alone") {
  const PartonShower shower;
  Random random(2);
  for (int i = 0; i < 100; ++i) {
    std::vector<Parton> out;
    shower.shower(seed(21, 10, 0.3), random, out);  // E theta = 3 GeV < 4 Q0: no phase space
    CHECK(out.size() == 1);
  }
}

TEST_CASE("parton_shower: a gluon radiates more than a quark (C_A / C_F) and makes heavier jets") {
  const PartonShower shower;
  Random random(3);
  double quark_count = 0, gluon_count = 0, quark_mass = 0, gluon_mass = 0;
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    for (int pid : {1, 21}) {
      std::vector<Parton> out;
      shower.shower(seed(pid, 300, 1.0), random, out);
      FourVector jet;
      for (const Parton& p : out) jet += p.momentum;
      (pid == 21 ? gluon_count : quark_count) += static_cast<double>(out.size());
      (pid == 21 ? gluon_mass : quark_mass) += jet.m();
    }
  }
  CHECK(gluon_count / quark_count > 1.5);
  CHECK(gluon_mass / quark_mass > 1.3);
  // Mean jet masses of a few tens of GeV for E = 300 GeV, R ~ 1 (alpha_s E R scale).
  CHECK(quark_mass / n > 20);
  CHECK(quark_mass / n < 70);
}

TEST_CASE("parton_shower: restore_momentum puts showered resonance products back on the resonance") {
  const PartonShower shower;
  Random random(4);
  const FourVector w = FourVector::from_pt_eta_phi_m(280, 0, 0.3, 80.4);
  const TwoBody daughters = decay_two_body(w, 0, 0, random);
  const double opening = angle_between(daughters.first.p3(), daughters.second.p3());
  std::vector<Parton> out;
  shower.shower({{daughters.first, 2}, opening}, random, out);
  shower.shower({{daughters.second, -1}, opening}, random, out);
  std::vector<Parton*> products;
  for (Parton& p : out) products.push_back(&p);
  restore_momentum(products, w);
  FourVector total;
  for (const Parton& p : out) {
    total += p.momentum;
    CHECK(p.momentum.m2() == Approx(0).margin(1e-6));
  }
  CHECK(total.e == Approx(w.e).epsilon(1e-10));
  CHECK(total.px == Approx(w.px).epsilon(1e-10));
  CHECK(total.py == Approx(w.py).epsilon(1e-10));
  CHECK(total.m() == Approx(80.4).epsilon(1e-8));
}

TEST_CASE("parton_shower: a heavy quark radiates only outside its dead cone and keeps its mass") {
  const PartonShower shower;
  Random random(6);
  const double mass = 172.5;
  const FourVector top = FourVector::from_pt_eta_phi_m(400, 0, 0, mass);
  int gluons = 0;
  for (int i = 0; i < 1000; ++i) {
    std::vector<ShowerSeed> emissions;
    const FourVector after = shower.radiate_heavy(top, mass, 1.5, random, emissions);
    double energy = after.e;
    for (const ShowerSeed& g : emissions) {
      energy += g.parton.momentum.e;
      CHECK(g.parton.pid == 21);
      CHECK(g.max_angle > mass / top.e);  // emitted above the dead-cone angle m/E
    }
    CHECK(after.m() == Approx(mass).epsilon(1e-6));
    CHECK(energy == Approx(top.e).epsilon(1e-10));
    gluons += static_cast<int>(emissions.size());
  }
  CHECK(gluons > 100);
}
