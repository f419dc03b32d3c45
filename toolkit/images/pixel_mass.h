// The jet mass carried by an image: each pixel read as a massless particle at its centre with pT equal to its
// value (the quantity whose distortion by preprocessing the review shows in its Fig. 2; de Oliveira et al.,
// arXiv:1511.05190). Image coordinates are offsets from the centre; a shift in eta is a boost and a shift in
// phi a rotation, so centring leaves the pixel mass unchanged.
#pragma once

#include <cstdint>

#include "toolkit/images/jet_image.h"

namespace jetstudy::images {

// sqrt(max(0, E^2 - p^2)) in the units of the pixels (GeV for a pt channel).
double pixel_mass(const ImageView& image, std::int64_t channel = 0);

}  // namespace jetstudy::images
