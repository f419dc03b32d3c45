// The shape of what a network sees, taken from the dataset (never restated in a recipe).
#pragma once

#include <cstdint>
#include <string>

namespace jetstudy::models {

struct InputSpec {
  std::int64_t channels = 1;
  std::int64_t height = 40;  // eta pixels
  std::int64_t width = 40;   // phi pixels

  std::string to_string() const {
    return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
  }
};

}  // namespace jetstudy::models
