#include "toolkit/images/pixel_grid.h"

#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::images {
namespace {

// Bin of x in [lo, hi) cut into n equal bins, or -1 outside. The fraction (x - lo) / (hi - lo) is formed
// first so that a symmetric extent maps its centre to exactly n/2.
std::int64_t bin_of(double x, double lo, double hi, std::int64_t n) {
  if (!(x >= lo) || !(x < hi)) return -1;  // also rejects NaN
  const auto bin = static_cast<std::int64_t>(std::floor((x - lo) / (hi - lo) * static_cast<double>(n)));
  return bin < n ? bin : n - 1;  // x just below hi may round up to n
}

}  // namespace

PixelGrid::PixelGrid(std::int64_t eta_pixels, std::int64_t phi_pixels, Extent extent)
    : eta_pixels_(eta_pixels), phi_pixels_(phi_pixels), extent_(extent) {
  if (eta_pixels < 1 || phi_pixels < 1) {
    throw core::InputError("images.size: needs two positive pixel counts, got [" + std::to_string(eta_pixels) +
                           ", " + std::to_string(phi_pixels) + "]");
  }
  if (!(extent.eta_min < extent.eta_max) || !(extent.phi_min < extent.phi_max)) {
    throw core::InputError("images.extent: each range must be [min, max] with min < max");
  }
}

std::optional<Pixel> PixelGrid::pixel_of(double eta, double phi) const {
  const auto row = bin_of(eta, extent_.eta_min, extent_.eta_max, eta_pixels_);
  if (row < 0) return std::nullopt;
  const auto column = bin_of(phi, extent_.phi_min, extent_.phi_max, phi_pixels_);
  if (column < 0) return std::nullopt;
  return Pixel{row, column};
}

Pixel PixelGrid::central_pixel() const {
  const auto pixel = pixel_of(0, 0);
  JETSTUDY_CHECK(pixel.has_value(), "the extent must contain the centre (checked when parsing the spec)");
  return *pixel;
}

}  // namespace jetstudy::images
