// Turns jets into jet images according to an ImageSpec: jet frame (relative to the jet axis) -> constituent
// steps -> pixelisation (channels with their own grid are pixelised there and resampled onto the image grid)
// -> image steps. Dataset steps (standardize) are not run here: they need the whole training split.
// Stateless after construction, so one builder serves many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/images/image_spec.h"
#include "toolkit/images/jet_image.h"
#include "toolkit/images/pixel_grid.h"
#include "toolkit/images/step.h"
#include "toolkit/jets/jet.h"

namespace jetstudy::images {

class ImageBuilder {
 public:
  explicit ImageBuilder(ImageSpec spec);  // throws core::InputError for a crop that does not fit

  JetImage build(const jets::Jet& jet) const;
  // Writes the image into out[0 .. image_size()), e.g. one slot of a batch buffer. If dropped_pt_fraction is
  // given, it receives the pT share of constituents outside the extent.
  void build_into(const jets::Jet& jet, float* out, double* dropped_pt_fraction = nullptr) const;

  // Shape of the finished image (after a crop, if any).
  std::int64_t channels() const { return static_cast<std::int64_t>(spec_.channels.size()); }
  std::int64_t height() const { return output_.height; }
  std::int64_t width() const { return output_.width; }
  std::int64_t image_size() const { return channels() * height() * width(); }
  const Extent& extent() const { return output_.extent; }
  const ImageSpec& spec() const { return spec_; }
  const PixelGrid& grid() const { return grid_; }  // the pixelisation grid (before a crop)

  // e.g. "40x40 pt image over eta [-1.6, 1.6] x phi [-1.6, 1.6]; steps: center on leading_subjet"
  std::string description() const;

 private:
  void pixelise_channels(const JetFrame& frame, const ImageView& view) const;

  ImageSpec spec_;
  PixelGrid grid_;
  ImageGeometry output_;
  std::vector<std::optional<PixelGrid>> channel_grids_;  // a channel's own grid, if it has one
  bool any_own_grid_ = false;
};

}  // namespace jetstudy::images
