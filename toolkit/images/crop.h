// Crop: keep the central H x W pixels of the image (e.g. after a zoom drew the jet on a larger canvas; CMS
// ImageTop, CMS-PAS-JME-18-002). The image centre stays the centre, so H and W must have the parity of the
// input size; the extent shrinks with the pixels.
#pragma once

#include <cstdint>
#include <string>

#include "toolkit/images/step.h"

namespace jetstudy::images {

class Crop : public ImageStep {
 public:
  Crop(std::int64_t height, std::int64_t width);  // throws core::InputError unless both >= 1
  void apply(ImageView& image, const JetFrame& frame) const override;
  // Throws core::InputError when the crop is larger than the input or of the other parity.
  ImageGeometry output_geometry(const ImageGeometry& input) const override;
  std::string description() const override;  // "crop to the central 32x32"

 private:
  std::int64_t height_, width_;
};

}  // namespace jetstudy::images
