#include "toolkit/images/crop.h"

#include <fmt/format.h>

#include "toolkit/core/error.h"

namespace jetstudy::images {

Crop::Crop(std::int64_t height, std::int64_t width) : height_(height), width_(width) {
  if (height < 1 || width < 1) {
    throw core::InputError(fmt::format("images.steps: crop.size must be two positive pixel counts, got [{}, {}]",
                                       height, width));
  }
}

ImageGeometry Crop::output_geometry(const ImageGeometry& input) const {
  if (height_ > input.height || width_ > input.width) {
    throw core::InputError(fmt::format("images.steps: crop to {}x{} does not fit in the {}x{} image", height_, width_,
                                       input.height, input.width));
  }
  if ((input.height - height_) % 2 != 0 || (input.width - width_) % 2 != 0) {
    throw core::InputError(fmt::format(
        "images.steps: crop to {}x{} of a {}x{} image would move the centre; use sizes that differ from the image "
        "by an even number of pixels",
        height_, width_, input.height, input.width));
  }
  const std::int64_t row0 = (input.height - height_) / 2, column0 = (input.width - width_) / 2;
  const double eta_step = (input.extent.eta_max - input.extent.eta_min) / static_cast<double>(input.height);
  const double phi_step = (input.extent.phi_max - input.extent.phi_min) / static_cast<double>(input.width);
  ImageGeometry output{height_, width_, input.extent};
  output.extent.eta_min = input.extent.eta_min + static_cast<double>(row0) * eta_step;
  output.extent.eta_max = output.extent.eta_min + static_cast<double>(height_) * eta_step;
  output.extent.phi_min = input.extent.phi_min + static_cast<double>(column0) * phi_step;
  output.extent.phi_max = output.extent.phi_min + static_cast<double>(width_) * phi_step;
  return output;
}

void Crop::apply(ImageView& image, const JetFrame&) const {
  const auto output = output_geometry({image.height, image.width, image.extent});
  const std::int64_t row0 = (image.height - height_) / 2, column0 = (image.width - width_) / 2;
  // In place: every target index is at or before its source index, and sources are read in increasing order.
  for (std::int64_t c = 0; c < image.channels; ++c) {
    for (std::int64_t h = 0; h < height_; ++h) {
      for (std::int64_t w = 0; w < width_; ++w) {
        image.pixels[(c * height_ + h) * width_ + w] = image.at(c, h + row0, w + column0);
      }
    }
  }
  image.height = output.height;
  image.width = output.width;
  image.extent = output.extent;
}

std::string Crop::description() const { return fmt::format("crop to the central {}x{}", height_, width_); }

}  // namespace jetstudy::images
