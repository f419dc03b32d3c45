// The recipe schemas of jet images: `images.steps` entries with their options (plugged into the study schema
// through experiments/study_components.cpp), and the `images.channels` / `images.intensity` values, so that
// recipe validation and step_table.cpp accept the same things. Reference: docs/images.md.
#pragma once

#include <vector>

#include "toolkit/recipe/schema.h"

namespace jetstudy::images {

std::vector<recipe::NamedSchema> image_step_schemas();
// One entry of images.channels: a channel name, or {name, kappa, size, upsample}.
recipe::Schema image_channel_schema();
// images.intensity: pt | e | et.
recipe::Schema image_intensity_schema();

}  // namespace jetstudy::images
