// Preprocessing steps of jet images (overview: de Oliveira et al., arXiv:1511.05190; Macaluso & Shih,
// arXiv:1803.00107). Two kinds, in this order: ConstituentSteps move constituents before pixelisation
// (center, later rotate, flip), ImageSteps act on the pixelised image (later normalize, zoom). Each is a small
// function object with apply() and description(), like FastJet's tools; descriptions go into logs and the store.
#pragma once

#include <string>

#include "toolkit/images/jet_frame.h"
#include "toolkit/images/jet_image.h"

namespace jetstudy::images {

class ConstituentStep {
 public:
  virtual ~ConstituentStep() = default;
  virtual void apply(JetFrame& frame) const = 0;
  virtual std::string description() const = 0;
};

class ImageStep {
 public:
  virtual ~ImageStep() = default;
  virtual void apply(const ImageView& image) const = 0;
  virtual std::string description() const = 0;
};

}  // namespace jetstudy::images
