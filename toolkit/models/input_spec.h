// The shape of what a network sees, taken from the dataset (never restated in a recipe).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jetstudy::models {

struct InputSpec {
  std::int64_t channels = 1;
  std::int64_t height = 40;  // eta pixels
  std::int64_t width = 40;   // phi pixels

  // Whole-event images (two_stream); 0 channels when the dataset has none.
  std::int64_t event_channels = 0, event_height = 0, event_width = 0;

  // The observers a feature network reads (the model's `inputs:` list), with their mean and standard deviation
  // over the training split, so a network can standardise them itself (and its checkpoint keeps the scaling).
  std::vector<std::string> features;
  std::vector<float> feature_mean, feature_std;

  // 1: one logit per jet (binary classification, or one regression target); K > 2: K class logits.
  std::int64_t outputs = 1;

  std::string to_string() const {
    return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
  }
  std::string event_to_string() const {
    return std::to_string(event_channels) + "x" + std::to_string(event_height) + "x" + std::to_string(event_width);
  }
};

}  // namespace jetstudy::models
