#include "toolkit/images/image_builder.h"

#include <algorithm>

#include <fmt/format.h>

#include "toolkit/images/pixelise.h"
#include "toolkit/images/resample.h"

namespace jetstudy::images {

ImageBuilder::ImageBuilder(ImageSpec spec)
    : spec_(std::move(spec)), grid_(spec_.eta_pixels, spec_.phi_pixels, spec_.extent) {
  output_ = {grid_.eta_pixels(), grid_.phi_pixels(), grid_.extent()};
  for (const auto& step : spec_.image_steps) output_ = step->output_geometry(output_);
  for (const auto& channel : spec_.channels) {
    const bool own = channel.has_own_grid() &&
                     (channel.eta_pixels != grid_.eta_pixels() || channel.phi_pixels != grid_.phi_pixels());
    channel_grids_.push_back(own ? std::optional<PixelGrid>(PixelGrid(channel.eta_pixels, channel.phi_pixels,
                                                                      spec_.extent))
                                 : std::nullopt);
    any_own_grid_ = any_own_grid_ || own;
  }
}

void ImageBuilder::pixelise_channels(const JetFrame& frame, const ImageView& view) const {
  thread_local std::vector<float> own_plane;
  for (std::size_t c = 0; c < spec_.channels.size(); ++c) {
    float* plane = view.plane(static_cast<std::int64_t>(c));
    if (!channel_grids_[c]) {
      pixelise_channel(frame, grid_, spec_.channels[c], spec_.intensity, plane);
      continue;
    }
    const auto& own = *channel_grids_[c];
    own_plane.resize(static_cast<std::size_t>(own.eta_pixels() * own.phi_pixels()));
    pixelise_channel(frame, own, spec_.channels[c], spec_.intensity, own_plane.data());
    resample_plane(own_plane.data(), own.eta_pixels(), own.phi_pixels(), plane, view.height, view.width,
                   spec_.channels[c].upsample);
  }
}

void ImageBuilder::build_into(const jets::Jet& jet, float* out, double* dropped_pt_fraction) const {
  thread_local JetFrame frame;  // reused: no allocation per jet once warm
  fill_jet_frame(frame, jet, spec_.intensity == Intensity::et);
  for (const auto& step : spec_.constituent_steps) step->apply(frame);

  // Pixelise on the full grid; a crop makes the result smaller, so then work in a scratch buffer.
  const bool cropped = output_.height != grid_.eta_pixels() || output_.width != grid_.phi_pixels();
  thread_local std::vector<float> scratch;
  float* work = out;
  if (cropped) {
    scratch.resize(static_cast<std::size_t>(channels() * grid_.eta_pixels() * grid_.phi_pixels()));
    work = scratch.data();
  }
  ImageView view{work, channels(), grid_.eta_pixels(), grid_.phi_pixels(), grid_.extent()};
  double dropped = 0;
  if (any_own_grid_) {
    pixelise_channels(frame, view);
    dropped = images::dropped_pt_fraction(frame, grid_);
  } else {
    dropped = pixelise(frame, grid_, spec_.channels, view, spec_.intensity);
  }
  for (const auto& step : spec_.image_steps) step->apply(view, frame);
  if (cropped) std::copy(view.pixels, view.pixels + view.size(), out);
  if (dropped_pt_fraction) *dropped_pt_fraction = dropped;
}

JetImage ImageBuilder::build(const jets::Jet& jet) const {
  JetImage image{channels(), height(), width(), std::vector<float>(static_cast<std::size_t>(image_size())), 0,
                 extent()};
  build_into(jet, image.pixels.data(), &image.dropped_pt_fraction);
  return image;
}

std::string ImageBuilder::description() const {
  std::string channel_list;
  for (const auto& channel : spec_.channels) {
    channel_list += (channel_list.empty() ? "" : "+") + channel_description(channel);
  }
  if (spec_.intensity != Intensity::pt) channel_list += " (intensity " + intensity_name(spec_.intensity) + ")";
  std::string steps;
  for (const auto& step : spec_.constituent_steps) steps += (steps.empty() ? "" : ", ") + step->description();
  for (const auto& step : spec_.image_steps) steps += (steps.empty() ? "" : ", ") + step->description();
  for (const auto& step : spec_.dataset_steps) steps += (steps.empty() ? "" : ", ") + step->description();
  const auto& e = spec_.extent;
  return fmt::format("{}x{} {} image over eta [{}, {}] x phi [{}, {}]; steps: {}", grid_.eta_pixels(),
                     grid_.phi_pixels(), channel_list, e.eta_min, e.eta_max, e.phi_min, e.phi_max,
                     steps.empty() ? "none" : steps);
}

}  // namespace jetstudy::images
