// Preprocessing steps of jet images (overview: de Oliveira et al., arXiv:1511.05190; Macaluso & Shih,
// arXiv:1803.00107). Three kinds, in this order:
//   ConstituentStep  moves constituents before pixelisation (center, rotate before, flip, zoom);
//   ImageStep        acts on one pixelised image (rotate after, crop, normalize l1/l2);
//   DatasetImageStep needs statistics of the training images (normalize standardize): fit() once on the
//                    training split, then apply() to every split.
// Each is a small function object with apply() and description(), like FastJet's tools; descriptions go into
// logs and the store. docs/images.md lists every step with what it does to the jet mass carried by the pixels.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "toolkit/images/jet_frame.h"
#include "toolkit/images/jet_image.h"
#include "toolkit/images/pixel_grid.h"

namespace jetstudy::images {

class ConstituentStep {
 public:
  virtual ~ConstituentStep() = default;
  virtual void apply(JetFrame& frame) const = 0;
  virtual std::string description() const = 0;
};

// The shape of the image an ImageStep hands on: a crop shrinks it, every other step keeps it.
struct ImageGeometry {
  std::int64_t height = 0, width = 0;
  Extent extent;
};

class ImageStep {
 public:
  virtual ~ImageStep() = default;
  // Changes `image` in place; `frame` is the jet after the constituent steps (e.g. where the subjets are).
  // A step that changes the geometry (crop) rewrites image.height/width/extent to its output_geometry().
  virtual void apply(ImageView& image, const JetFrame& frame) const = 0;
  virtual ImageGeometry output_geometry(const ImageGeometry& input) const { return input; }
  virtual std::string description() const = 0;
};

// Images of one split, contiguous: count x (channels x height x width) floats.
struct ImageBatch {
  float* pixels = nullptr;
  std::int64_t count = 0;
  std::int64_t channels = 0, height = 0, width = 0;
  std::int64_t image_size() const { return channels * height * width; }
};

class DatasetImageStep {
 public:
  virtual ~DatasetImageStep() = default;
  // Learns the statistics from the training images (replacing any earlier fit). Throws core::InputError for
  // an empty training split.
  virtual void fit(const ImageBatch& training) = 0;
  // Transforms images in place with the fitted statistics. Throws core::InternalError (JETSTUDY_CHECK) if
  // called before fit() or with another image shape than the fit's.
  virtual void apply(const ImageBatch& images) const = 0;
  virtual bool fitted() const = 0;
  // An unfitted copy with the same options: the spec keeps a prototype, each dataset build fits its own copy.
  virtual std::unique_ptr<DatasetImageStep> unfitted_copy() const = 0;
  virtual std::string description() const = 0;
};

}  // namespace jetstudy::images
