// Electric charge of a particle from its PDG Monte Carlo code (numbering scheme of the Review of Particle
// Physics, "Monte Carlo particle numbering scheme"): leptons and bosons from a table, hadrons from their
// quark content. HepMC records carry only the code, so readers fill events::Particle::charge from it.
#pragma once

namespace jetstudy::events {

// Charge in units of e/3 (quarks have +-1, +-2); 0 for codes the scheme leaves neutral or unknown.
int pdg_three_charge(int pid);

// Charge in units of e, rounded towards zero (quarks and diquarks: fractional charges become 0 or +-1).
inline int pdg_charge(int pid) { return pdg_three_charge(pid) / 3; }

}  // namespace jetstudy::events
