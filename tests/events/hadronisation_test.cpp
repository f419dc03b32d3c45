#include <catch2/catch.hpp>

#include <cmath>

#include "toolkit/events/generator/hadronisation.h"

using namespace jetstudy::events::generator;

namespace {
Parton parton(int pid, double energy) { return {FourVector::massless({0, 1, 0}, energy), pid}; }
}  // namespace

TEST_CASE("hadronisation: a parton's energy is shared exactly among on-shell hadrons near its direction") {
  const Hadronisation hadronisation;
  Random random(1);
  for (int i = 0; i < 500; ++i) {
    const double energy = 2 + i * 0.5;
    std::vector<Hadron> out;
    hadronisation.hadronise(parton(i % 3 == 0 ? 21 : 2, energy), random, out);
    REQUIRE(!out.empty());
    double sum = 0;
    for (const Hadron& h : out) {
      sum += h.momentum.e;
      CHECK(h.momentum.e >= h.momentum.p() * (1 - 1e-12));
      CHECK(std::isfinite(h.momentum.px));
    }
    CHECK(sum == Approx(energy).epsilon(1e-10));
  }
}

TEST_CASE("hadronisation: more hadrons from harder partons, with pi+- : pi0 near 2 : 1") {
  const Hadronisation hadronisation;
  Random random(2);
  double soft = 0, hard = 0;
  int charged_pions = 0, photons = 0, kaons = 0;
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    std::vector<Hadron> low, high;
    hadronisation.hadronise(parton(21, 5), random, low);
    hadronisation.hadronise(parton(21, 100), random, high);
    soft += static_cast<double>(low.size());
    hard += static_cast<double>(high.size());
    for (const Hadron& h : high) {
      if (std::abs(h.pid) == 211) ++charged_pions;
      if (h.pid == 22) ++photons;
      if (std::abs(h.pid) == 321) ++kaons;
    }
  }
  CHECK(hard / n > 2 * soft / n);
  CHECK(hard / n > 5);
  CHECK(hard / n < 20);
  // Two photons per pi0 (K0_S -> pi pi adds a little to both).
  CHECK(charged_pions / (photons / 2.0) == Approx(2.0).margin(0.35));
  CHECK(static_cast<double>(kaons) / charged_pions == Approx(0.15).margin(0.04));
}

TEST_CASE("hadronisation: the leading charged hadron of a u quark is positive, of a d quark negative") {
  const Hadronisation hadronisation;
  Random random(3);
  for (const int pid : {2, 1, -2}) {
    int positive = 0, negative = 0;
    for (int i = 0; i < 2000; ++i) {
      std::vector<Hadron> out;
      hadronisation.hadronise(parton(pid, 50), random, out);
      const Hadron* leading = nullptr;
      for (const Hadron& h : out) {
        if (h.charge != 0 && (!leading || h.momentum.e > leading->momentum.e)) leading = &h;
      }
      if (!leading) continue;
      (leading->charge > 0 ? positive : negative) += 1;
    }
    const double positive_fraction = static_cast<double>(positive) / (positive + negative);
    if (pid == 2) CHECK(positive_fraction > 0.6);
    else CHECK(positive_fraction < 0.4);
  }
}

TEST_CASE("hadronisation: b quarks make B hadrons whose decays give leptons in about a fifth of jets") {
  const Hadronisation hadronisation;
  Random random(4);
  int with_lepton = 0;
  const int n = 3000;
  for (int i = 0; i < n; ++i) {
    std::vector<Hadron> out;
    hadronisation.hadronise(parton(5, 120), random, out);
    bool lepton = false;
    for (const Hadron& h : out) lepton = lepton || std::abs(h.pid) == 11 || std::abs(h.pid) == 13;
    with_lepton += lepton;
  }
  CHECK(static_cast<double>(with_lepton) / n == Approx(0.2).margin(0.025));
}
