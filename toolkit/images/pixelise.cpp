#include "toolkit/images/pixelise.h"

#include <algorithm>

#include "toolkit/core/error.h"

namespace jetstudy::images {

double pixelise(const JetFrame& frame, const PixelGrid& grid, const std::vector<ChannelSpec>& channels,
                const ImageView& out, Intensity intensity) {
  JETSTUDY_CHECK(out.channels == static_cast<std::int64_t>(channels.size()) &&
                     out.height == grid.eta_pixels() && out.width == grid.phi_pixels(),
                 "pixelise: output shape does not match the grid and channels");
  std::fill(out.pixels, out.pixels + out.size(), 0.0f);
  double total_pt = 0, dropped_pt = 0;
  for (const auto& constituent : frame.constituents) {
    total_pt += constituent.pt;
    const auto pixel = grid.pixel_of(constituent.eta, constituent.phi);
    if (!pixel) {
      dropped_pt += constituent.pt;
      continue;
    }
    for (std::size_t c = 0; c < channels.size(); ++c) {
      out.at(static_cast<std::int64_t>(c), pixel->eta_bin, pixel->phi_bin) +=
          static_cast<float>(channel_value(channels[c], intensity, frame.jet_pt, constituent));
    }
  }
  return total_pt > 0 ? dropped_pt / total_pt : 0.0;
}

void pixelise_channel(const JetFrame& frame, const PixelGrid& grid, const ChannelSpec& channel, Intensity intensity,
                      float* plane) {
  std::fill(plane, plane + grid.eta_pixels() * grid.phi_pixels(), 0.0f);
  for (const auto& constituent : frame.constituents) {
    const auto pixel = grid.pixel_of(constituent.eta, constituent.phi);
    if (!pixel) continue;
    plane[pixel->eta_bin * grid.phi_pixels() + pixel->phi_bin] +=
        static_cast<float>(channel_value(channel, intensity, frame.jet_pt, constituent));
  }
}

double dropped_pt_fraction(const JetFrame& frame, const PixelGrid& grid) {
  double total_pt = 0, dropped_pt = 0;
  for (const auto& constituent : frame.constituents) {
    total_pt += constituent.pt;
    if (!grid.pixel_of(constituent.eta, constituent.phi)) dropped_pt += constituent.pt;
  }
  return total_pt > 0 ? dropped_pt / total_pt : 0.0;
}

}  // namespace jetstudy::images
