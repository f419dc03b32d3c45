// Decays of the unstable hadrons the built-in generator makes, so that only particles a detector sees (and
// neutrinos) remain: pi0 -> gamma gamma, K0_S -> pi pi, and B hadrons -> several particles, semi-leptonically
// (B -> l nu D, D -> K pi) in a configurable fraction. Branching fractions are rounded PDG 2022 values;
// many-body decays use sequential two-body splits with uniformly drawn intermediate masses, which keeps
// four-momentum exact but is not flat phase space.
#pragma once

#include <vector>

#include "toolkit/events/generator/four_vector.h"
#include "toolkit/events/generator/random.h"

namespace jetstudy::events::generator {

struct Hadron {
  FourVector momentum;
  int pid = 0;
  int charge = 0;
};

struct DecayOptions {
  double semileptonic_b_fraction = 0.2;  // B -> l nu X, l = e or mu with equal probability
};

// Appends `hadron` to `out` if it is stable in a detector, else its decay products (recursively).
// A B-bar (negative code, from a b quark) gives l- in b -> c l- nu-bar; a B gives l+.
void decay_to_stable(const Hadron& hadron, Random& random, const DecayOptions& options, std::vector<Hadron>& out);

// The products of `parent` into particles of the given masses, by sequential two-body decays.
std::vector<FourVector> decay_n_body(const FourVector& parent, const std::vector<double>& masses, Random& random);

}  // namespace jetstudy::events::generator
