// A jet image: C x H x W floats, H indexing eta bins and W indexing phi bins (DeepTop convention,
// arXiv:1701.08784). ImageView is the same layout over memory someone else owns (a batch buffer).
#pragma once

#include <cstdint>
#include <vector>

namespace jetstudy::images {

struct ImageView {
  float* pixels = nullptr;  // channels * height * width, row-major: [c][eta bin][phi bin]
  std::int64_t channels = 0, height = 0, width = 0;

  std::int64_t size() const { return channels * height * width; }
  float& at(std::int64_t c, std::int64_t h, std::int64_t w) const { return pixels[(c * height + h) * width + w]; }
};

struct JetImage {
  std::int64_t channels = 0, height = 0, width = 0;
  std::vector<float> pixels;        // channels * height * width
  double dropped_pt_fraction = 0;   // pT share of the constituents that fell outside the extent

  float at(std::int64_t c, std::int64_t h, std::int64_t w) const { return pixels[(c * height + h) * width + w]; }
  ImageView view() { return {pixels.data(), channels, height, width}; }
};

}  // namespace jetstudy::images
