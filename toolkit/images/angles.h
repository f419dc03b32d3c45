// Azimuthal angles on the circle: every phi difference jetstudy images use is wrapped into (-pi, pi], so a
// jet sitting at phi ~ pi is never split across the image.
#pragma once

#include <cmath>
#include <numbers>

namespace jetstudy::images {

// The angle equal to `phi` modulo 2 pi, in (-pi, pi].
inline double wrap_phi(double phi) {
  double wrapped = std::remainder(phi, 2 * std::numbers::pi);  // in [-pi, pi]
  if (wrapped <= -std::numbers::pi) wrapped += 2 * std::numbers::pi;
  return wrapped;
}

// phi_a - phi_b as the shorter way round, in (-pi, pi].
inline double delta_phi(double phi_a, double phi_b) { return wrap_phi(phi_a - phi_b); }

}  // namespace jetstudy::images
