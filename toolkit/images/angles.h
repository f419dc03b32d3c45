// Azimuthal angles on the circle: every phi difference jetstudy images use is wrapped into (-pi, pi], so a
// jet sitting at phi ~ pi is never split across the image.
#pragma once

#include <cmath>
#include <numbers>

namespace jetstudy::images {

// The angle equal to `phi` modulo 2 pi, in (-pi, pi]. Differences of two angles in (-pi, pi] need at most one
// turn, and for |phi| <= 3 pi that subtraction is exact (Sterbenz), so it equals std::remainder bit for bit;
// the general case falls back to std::remainder. This sits in the hottest loop of image building.
inline double wrap_phi(double phi) {
  constexpr double kPi = std::numbers::pi;
  constexpr double kTwoPi = 2 * std::numbers::pi;
  if (phi > kPi) {
    phi -= kTwoPi;
  } else if (phi <= -kPi) {
    phi += kTwoPi;
  }
  if (phi > kPi || phi <= -kPi) {
    phi = std::remainder(phi, kTwoPi);  // in [-pi, pi]
    if (phi <= -kPi) phi += kTwoPi;
  }
  return phi;
}

// phi_a - phi_b as the shorter way round, in (-pi, pi].
inline double delta_phi(double phi_a, double phi_b) { return wrap_phi(phi_a - phi_b); }

}  // namespace jetstudy::images
