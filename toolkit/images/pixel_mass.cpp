#include "toolkit/images/pixel_mass.h"

#include <algorithm>
#include <cmath>

namespace jetstudy::images {

double pixel_mass(const ImageView& image, std::int64_t channel) {
  double e = 0, px = 0, py = 0, pz = 0;
  for (std::int64_t h = 0; h < image.height; ++h) {
    const double eta = image.eta_center(h);
    for (std::int64_t w = 0; w < image.width; ++w) {
      const double pt = image.at(channel, h, w);
      if (pt == 0) continue;
      const double phi = image.phi_center(w);
      px += pt * std::cos(phi);
      py += pt * std::sin(phi);
      pz += pt * std::sinh(eta);
      e += pt * std::cosh(eta);
    }
  }
  return std::sqrt(std::max(0.0, e * e - px * px - py * py - pz * pz));
}

}  // namespace jetstudy::images
