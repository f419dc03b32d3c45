// A jet image: C x H x W floats, H indexing eta bins and W indexing phi bins (DeepTop convention,
// arXiv:1701.08784), over an extent in image coordinates relative to the centre. ImageView is the same layout
// over memory someone else owns (a batch buffer).
#pragma once

#include <cstdint>
#include <vector>

#include "toolkit/images/pixel_grid.h"

namespace jetstudy::images {

struct ImageView {
  float* pixels = nullptr;  // channels * height * width, row-major: [c][eta bin][phi bin]
  std::int64_t channels = 0, height = 0, width = 0;
  Extent extent;            // the (eta, phi) region the pixels cover; a crop shrinks it with the size

  std::int64_t size() const { return channels * height * width; }
  std::int64_t plane_size() const { return height * width; }
  float& at(std::int64_t c, std::int64_t h, std::int64_t w) const { return pixels[(c * height + h) * width + w]; }
  float* plane(std::int64_t c) const { return pixels + c * height * width; }
  // Centre of pixel (h, w) in image coordinates.
  double eta_center(std::int64_t h) const {
    return extent.eta_min + (static_cast<double>(h) + 0.5) * (extent.eta_max - extent.eta_min) / static_cast<double>(height);
  }
  double phi_center(std::int64_t w) const {
    return extent.phi_min + (static_cast<double>(w) + 0.5) * (extent.phi_max - extent.phi_min) / static_cast<double>(width);
  }
};

struct JetImage {
  std::int64_t channels = 0, height = 0, width = 0;
  std::vector<float> pixels;        // channels * height * width
  double dropped_pt_fraction = 0;   // pT share of the constituents that fell outside the extent
  Extent extent;                    // as ImageView::extent

  float at(std::int64_t c, std::int64_t h, std::int64_t w) const { return pixels[(c * height + h) * width + w]; }
  ImageView view() { return {pixels.data(), channels, height, width, extent}; }
};

}  // namespace jetstudy::images
