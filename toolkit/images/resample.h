// Bringing a channel pixelised on its own grid onto the image grid (both over the same extent), so channels of
// different resolutions -- tracks finer than towers -- share one C x H x W image. Every channel is a sum over
// constituents, so resampling keeps each plane's total:
//   target coarser in both directions: each target pixel sums the source pixels it covers, split by overlap
//     area when the bins do not nest (down-sampling; exact);
//   otherwise (up-sampling): the source density (value / pixel area) is read at each target pixel centre --
//     nearest source pixel, or bilinear between the four nearest centres (clamped at the edge) -- times the
//     target pixel area, then the plane is rescaled so that its total equals the source total (for an integer
//     ratio and `nearest` the rescale is exactly 1; planes with negative values, jet_charge, are not rescaled).
#pragma once

#include <cstdint>

#include "toolkit/images/channel.h"

namespace jetstudy::images {

void resample_plane(const float* source, std::int64_t source_height, std::int64_t source_width, float* target,
                    std::int64_t target_height, std::int64_t target_width, Upsample upsample);

}  // namespace jetstudy::images
