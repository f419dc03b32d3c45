// What a jet image is: the pixel grid (eta_pixels x phi_pixels over an extent relative to the centre), the
// channels, and the preprocessing steps in order. ImageSpec -> ImageBuilder -> JetImage, like FastJet's
// JetDefinition -> ClusterSequence -> PseudoJet.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "toolkit/images/channel.h"
#include "toolkit/images/intensity.h"
#include "toolkit/images/pixel_grid.h"
#include "toolkit/images/step.h"

namespace jetstudy::images {

struct ImageSpec {
  std::int64_t eta_pixels = 40;  // H
  std::int64_t phi_pixels = 40;  // W
  Extent extent;                 // default [-1.6, 1.6] x [-1.6, 1.6]
  Intensity intensity = Intensity::pt;  // what the pt, charged_pt, neutral_pt channels sum
  std::vector<ChannelSpec> channels{ChannelSpec{}};
  // Applied in order: all constituent steps (before pixelisation), then all image steps (after). ImageBuilder
  // runs both; dataset steps (normalize standardize) need the training split, so the dataset builder fits and
  // applies them (each an unfitted prototype: take an unfitted_copy()).
  std::vector<std::shared_ptr<const ConstituentStep>> constituent_steps;
  std::vector<std::shared_ptr<const ImageStep>> image_steps;
  std::vector<std::shared_ptr<const DatasetImageStep>> dataset_steps;
};

// From the recipe's (validated, defaults filled) `images` block:
//   {"size":[40,40],"extent":[[-1.6,1.6],[-1.6,1.6]],"intensity":"pt",
//    "channels":["pt",{"name":"jet_charge","kappa":0.3},{"name":"charged_pt","size":[80,80]}],
//    "steps":[{"center":{"on":"leading_subjet"}},{"rotate":{"to":"principal_axis","when":"before"}}]}
// Missing keys take the defaults above. Throws core::InputError for anything it cannot use, e.g. an extent
// that does not contain the centre, an image step listed before a constituent step, or a step after
// normalize standardize.
ImageSpec image_spec_from_json(const nlohmann::json& images_block);

}  // namespace jetstudy::images
