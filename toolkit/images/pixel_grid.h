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

  // The pixel containing (eta, phi), or nothing when the point lies outside the extent. Inline: it runs once
  // per constituent of every image.
  std::optional<Pixel> pixel_of(double eta, double phi) const {
    const auto row = bin_of(eta, extent_.eta_min, extent_.eta_max, eta_pixels_);
    if (row < 0) return std::nullopt;
    const auto column = bin_of(phi, extent_.phi_min, extent_.phi_max, phi_pixels_);
    if (column < 0) return std::nullopt;
    return Pixel{row, column};
  }
  // The pixel containing the centre (0, 0); (H/2, W/2) for a symmetric extent.
  Pixel central_pixel() const;

  std::int64_t eta_pixels() const { return eta_pixels_; }
  std::int64_t phi_pixels() const { return phi_pixels_; }
  const Extent& extent() const { return extent_; }

 private:
  // Bin of x in [lo, hi) cut into n equal bins, or -1 outside. The fraction (x - lo) / (hi - lo) is formed
  // first so that a symmetric extent maps its centre to exactly n/2. Inside, x - lo >= 0, so the truncating
  // conversion is the floor (without a call to std::floor, which x86-64's baseline has no instruction for).
  static std::int64_t bin_of(double x, double lo, double hi, std::int64_t n) {
    if (!(x >= lo) || !(x < hi)) return -1;  // also rejects NaN
    const auto bin = static_cast<std::int64_t>((x - lo) / (hi - lo) * static_cast<double>(n));
    return bin < n ? bin : n - 1;  // x just below hi may round up to n
  }

  std::int64_t eta_pixels_, phi_pixels_;
  Extent extent_;
};

}  // namespace jetstudy::images
