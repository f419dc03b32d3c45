// Particle-level events: what every source (built-in generator, HepMC3, benchmark files) produces and what
// toolkit/jets/ clusters. Units: GeV; angles in radians.
#pragma once

#include <cstdint>
#include <vector>

namespace jetstudy::events {

struct Particle {
  double px = 0, py = 0, pz = 0, e = 0;  // GeV
  int pid = 0;                           // PDG code of the final-state particle
  int charge = 0;                        // in units of e
  bool from_pileup = false;              // true for particles of pile-up interactions (kept for PU studies)
};

struct Event {
  std::vector<Particle> particles;  // final state only
  std::uint64_t number = 0;         // position in its source, for messages
};

}  // namespace jetstudy::events
