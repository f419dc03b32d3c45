// Pixelisation: constituents in image coordinates -> a C x H x W image, each pixel summing its channel over the
// constituents inside it (jet images: Cogan et al., arXiv:1407.5675). Constituents outside the extent are
// dropped; the returned pT fraction lets the caller warn when the extent is too small.
#pragma once

#include <vector>

#include "toolkit/images/channel.h"
#include "toolkit/images/jet_frame.h"
#include "toolkit/images/jet_image.h"
#include "toolkit/images/pixel_grid.h"

namespace jetstudy::images {

// Zeroes `out` and fills it. out.channels must equal channels.size(), out.height/width the grid's.
// Returns the pT fraction of the constituents that fell outside the extent (0 for a jet without pT).
double pixelise(const JetFrame& frame, const PixelGrid& grid, const std::vector<Channel>& channels,
                const ImageView& out);

}  // namespace jetstudy::images
