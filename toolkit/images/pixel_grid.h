// The pixel grid of a jet image: eta_pixels x phi_pixels cells over an extent in image coordinates relative
// to the centre. Bins are half-open, [lo, hi): a point on a bin edge belongs to the bin above it, and a point
// on the upper edge of the extent is outside. So with an even pixel count and a symmetric extent, (0, 0) --
// the centre -- lies in pixel (H/2, W/2): for 40x40 over [-1.6, 1.6]^2 that is (20, 20), the pixel whose
// lower-left corner is the centre.
#pragma once

#include <cstdint>
#include <optional>

namespace jetstudy::images {

struct Extent {
  double eta_min = -1.6, eta_max = 1.6;
  double phi_min = -1.6, phi_max = 1.6;
};

struct Pixel {
  std::int64_t eta_bin = 0, phi_bin = 0;  // row (H index), column (W index)
  bool operator==(const Pixel&) const = default;
};

class PixelGrid {
 public:
  PixelGrid(std::int64_t eta_pixels, std::int64_t phi_pixels, Extent extent);  // checks sizes and extent

  // The pixel containing (eta, phi), or nothing when the point lies outside the extent.
  std::optional<Pixel> pixel_of(double eta, double phi) const;
  // The pixel containing the centre (0, 0); (H/2, W/2) for a symmetric extent.
  Pixel central_pixel() const;

  std::int64_t eta_pixels() const { return eta_pixels_; }
  std::int64_t phi_pixels() const { return phi_pixels_; }
  const Extent& extent() const { return extent_; }

 private:
  std::int64_t eta_pixels_, phi_pixels_;
  Extent extent_;
};

}  // namespace jetstudy::images
