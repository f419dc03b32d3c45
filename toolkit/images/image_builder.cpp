#include "toolkit/images/image_builder.h"

#include <fmt/format.h>

#include "toolkit/images/pixelise.h"

namespace jetstudy::images {

ImageBuilder::ImageBuilder(ImageSpec spec)
    : spec_(std::move(spec)), grid_(spec_.eta_pixels, spec_.phi_pixels, spec_.extent) {}

void ImageBuilder::build_into(const jets::Jet& jet, float* out, double* dropped_pt_fraction) const {
  JetFrame frame = make_jet_frame(jet);
  for (const auto& step : spec_.constituent_steps) step->apply(frame);
  const ImageView view{out, channels(), height(), width()};
  const double dropped = pixelise(frame, grid_, spec_.channels, view);
  for (const auto& step : spec_.image_steps) step->apply(view);
  if (dropped_pt_fraction) *dropped_pt_fraction = dropped;
}

JetImage ImageBuilder::build(const jets::Jet& jet) const {
  JetImage image{channels(), height(), width(), std::vector<float>(static_cast<std::size_t>(image_size())), 0};
  build_into(jet, image.pixels.data(), &image.dropped_pt_fraction);
  return image;
}

std::string ImageBuilder::description() const {
  std::string channel_list;
  for (const auto channel : spec_.channels) channel_list += (channel_list.empty() ? "" : "+") + channel_name(channel);
  std::string steps;
  for (const auto& step : spec_.constituent_steps) steps += (steps.empty() ? "" : ", ") + step->description();
  for (const auto& step : spec_.image_steps) steps += (steps.empty() ? "" : ", ") + step->description();
  const auto& e = spec_.extent;
  return fmt::format("{}x{} {} image over eta [{}, {}] x phi [{}, {}]; steps: {}", height(), width(), channel_list,
                     e.eta_min, e.eta_max, e.phi_min, e.phi_max, steps.empty() ? "none" : steps);
}

}  // namespace jetstudy::images
