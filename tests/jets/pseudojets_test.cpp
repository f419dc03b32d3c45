#include "toolkit/jets/pseudojets.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace jetstudy::jets;

TEST_CASE("pseudojets: pseudorapidity_of is FastJet's pseudorapidity, and 1e5 along the beam") {
  for (double eta = -6; eta <= 6; eta += 0.37) {
    for (const double m : {0.0, 0.14, 5.0}) {
      fastjet::PseudoJet p;
      p.reset_PtYPhiM(40, 0, 1.1, m);  // pT and phi; pz set from eta below
      const double pz = 40 * std::sinh(eta);
      p.reset(p.px(), p.py(), pz, std::sqrt(40 * 40 + pz * pz + m * m));
      INFO("eta " << eta << ", m " << m);
      CHECK(pseudorapidity_of(p) == Approx(p.pseudorapidity()).margin(1e-12));
      CHECK(pseudorapidity_of(p) == Approx(eta).margin(1e-12));
    }
  }
  CHECK(pseudorapidity_of(fastjet::PseudoJet(0, 0, 30, 30)) == fastjet::MaxRap);
  CHECK(pseudorapidity_of(fastjet::PseudoJet(0, 0, -30, 30)) == fastjet::MaxRap);  // FastJet's value, either side
}
