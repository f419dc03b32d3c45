#include "toolkit/images/pixel_grid.h"

#include "toolkit/core/error.h"

namespace jetstudy::images {

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

Pixel PixelGrid::central_pixel() const {
  const auto pixel = pixel_of(0, 0);
  JETSTUDY_CHECK(pixel.has_value(), "the extent must contain the centre (checked when parsing the spec)");
  return *pixel;
}

}  // namespace jetstudy::images
