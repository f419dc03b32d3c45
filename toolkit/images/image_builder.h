// Turns jets into jet images according to an ImageSpec: jet frame (relative to the jet axis) -> constituent
// steps -> pixelisation -> image steps. Stateless after construction, so one builder serves many threads.
#pragma once

#include <cstdint>
#include <string>

#include "toolkit/images/image_spec.h"
#include "toolkit/images/jet_image.h"
#include "toolkit/images/pixel_grid.h"
#include "toolkit/jets/jet.h"

namespace jetstudy::images {

class ImageBuilder {
 public:
  explicit ImageBuilder(ImageSpec spec);

  JetImage build(const jets::Jet& jet) const;
  // Writes the image into out[0 .. image_size()), e.g. one slot of a batch buffer. If dropped_pt_fraction is
  // given, it receives the pT share of constituents outside the extent.
  void build_into(const jets::Jet& jet, float* out, double* dropped_pt_fraction = nullptr) const;

  std::int64_t channels() const { return static_cast<std::int64_t>(spec_.channels.size()); }
  std::int64_t height() const { return spec_.eta_pixels; }
  std::int64_t width() const { return spec_.phi_pixels; }
  std::int64_t image_size() const { return channels() * height() * width(); }
  const ImageSpec& spec() const { return spec_; }
  const PixelGrid& grid() const { return grid_; }

  // e.g. "40x40 pt image over eta [-1.6, 1.6] x phi [-1.6, 1.6]; steps: center on leading_subjet"
  std::string description() const;

 private:
  ImageSpec spec_;
  PixelGrid grid_;
};

}  // namespace jetstudy::images
