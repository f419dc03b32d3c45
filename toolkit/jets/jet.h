// A jet as jetstudy passes it on: plain numbers copied out of FastJet's ClusterSequence, so no PseudoJet ever
// leaves toolkit/jets/. Units: GeV; phi in (-pi, pi]; eta is pseudorapidity.
#pragma once

#include <vector>

namespace jetstudy::jets {

struct Constituent {
  double pt = 0, eta = 0, phi = 0, e = 0;
  int pid = 0;
  int charge = 0;
  bool from_pileup = false;
};

struct Subjet {
  double pt = 0, eta = 0, phi = 0, m = 0;
};

struct Jet {
  double pt = 0, eta = 0, phi = 0, m = 0;
  double px = 0, py = 0, pz = 0, e = 0;
  std::vector<Constituent> constituents;  // after grooming, if the jet was groomed
  std::vector<Subjet> subjets;            // pT-ordered (leading first); see JetFinder for how they are made
  double R = 0;                           // radius of the algorithm that found it (0: unknown, e.g. built by hand)
};

}  // namespace jetstudy::jets
