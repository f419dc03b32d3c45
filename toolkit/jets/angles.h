// Rapidity and azimuth helpers for substructure observables: every angular distance in toolkit/jets/ is
// dR = sqrt(dy^2 + dphi^2) in rapidity y and azimuth phi, as FastJet measures it (equal to the
// pseudorapidity distance for massless particles).
#pragma once

#include <cmath>
#include <numbers>

#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

// y = 1/2 ln((E + pz)/(E - pz)); falls back to eta where E <= |pz| by rounding (massless, very forward).
inline double rapidity_of(double pt, double eta, double e) {
  const double pz = pt * std::sinh(eta);
  if (e <= std::abs(pz)) return eta;
  return 0.5 * std::log((e + pz) / (e - pz));
}
inline double rapidity_of(const Constituent& c) { return rapidity_of(c.pt, c.eta, c.e); }
inline double rapidity_of(const Jet& jet) {
  if (jet.e <= std::abs(jet.pz)) return jet.eta;
  return 0.5 * std::log((jet.e + jet.pz) / (jet.e - jet.pz));
}

// a - b wrapped into [-pi, pi].
inline double delta_phi(double a, double b) {
  double d = a - b;
  while (d > std::numbers::pi) d -= 2 * std::numbers::pi;
  while (d < -std::numbers::pi) d += 2 * std::numbers::pi;
  return d;
}

}  // namespace jetstudy::jets
