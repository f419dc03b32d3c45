// How many images per second training consumes: forward, backward and an Adam step on batches of random
// images of the given shape. The peer of the loader benchmark (the loader must deliver faster than this).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>

#include "toolkit/models/input_spec.h"

namespace jetstudy::train {

// Builds the architecture of the validated `model` block, trains it on CPU with `threads` LibTorch threads for
// at least `min_seconds` (after one warm-up step), and returns images per second.
double training_images_per_second(const nlohmann::json& model, const models::InputSpec& input,
                                  std::int64_t batch_size, int threads, double min_seconds = 1.0);

}  // namespace jetstudy::train
