#include "toolkit/events/pdg_charge.h"

#include <catch2/catch.hpp>

using jetstudy::events::pdg_charge;
using jetstudy::events::pdg_three_charge;

TEST_CASE("pdg charge: leptons, bosons, mesons and baryons get their charge from the PDG code") {
  CHECK(pdg_charge(11) == -1);    // e-
  CHECK(pdg_charge(-13) == 1);    // mu+
  CHECK(pdg_charge(22) == 0);     // photon
  CHECK(pdg_charge(-24) == -1);   // W-
  CHECK(pdg_charge(211) == 1);    // pi+
  CHECK(pdg_charge(-211) == -1);  // pi-
  CHECK(pdg_charge(111) == 0);    // pi0
  CHECK(pdg_charge(321) == 1);    // K+ = u s-bar
  CHECK(pdg_charge(130) == 0);    // K0_L
  CHECK(pdg_charge(310) == 0);    // K0_S
  CHECK(pdg_charge(411) == 1);    // D+ = c d-bar
  CHECK(pdg_charge(521) == 1);    // B+ = u b-bar
  CHECK(pdg_charge(531) == 0);    // B_s0
  CHECK(pdg_charge(2212) == 1);   // proton
  CHECK(pdg_charge(-2212) == -1);
  CHECK(pdg_charge(2112) == 0);   // neutron
  CHECK(pdg_charge(3222) == 1);   // Sigma+
  CHECK(pdg_charge(3312) == -1);  // Xi-
  CHECK(pdg_charge(1000020040) == 2);  // alpha particle
  CHECK(pdg_three_charge(2) == 2);     // u quark: +2/3
  CHECK(pdg_three_charge(-1) == 1);    // anti-d: +1/3
}
