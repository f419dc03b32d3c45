// Pixelisation: constituents in image coordinates -> a C x H x W image, each pixel summing its channel over the
// constituents inside it (jet images: Cogan et al., arXiv:1407.5675). Constituents outside the extent are
// dropped; the returned pT fraction lets the caller warn when the extent is too small.
#pragma once

#include <vector>

#include "toolkit/images/channel.h"
#include "toolkit/images/intensity.h"
#include "toolkit/images/jet_frame.h"
#include "toolkit/images/jet_image.h"
#include "toolkit/images/pixel_grid.h"

namespace jetstudy::images {

// Zeroes `out` and fills every channel on `grid` (a channel's own grid is the builder's business, see
// pixelise_channel). out.channels must equal channels.size(), out.height/width the grid's.
// Returns the pT fraction of the constituents that fell outside the extent (0 for a jet without pT).
double pixelise(const JetFrame& frame, const PixelGrid& grid, const std::vector<ChannelSpec>& channels,
                const ImageView& out, Intensity intensity = Intensity::pt);

// Zeroes and fills one plane of grid.eta_pixels() x grid.phi_pixels() floats with one channel.
void pixelise_channel(const JetFrame& frame, const PixelGrid& grid, const ChannelSpec& channel, Intensity intensity,
                      float* plane);

// The pT fraction of the constituents outside the grid's extent.
double dropped_pt_fraction(const JetFrame& frame, const PixelGrid& grid);

}  // namespace jetstudy::images
