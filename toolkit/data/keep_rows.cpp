#include "toolkit/data/keep_rows.h"

#include <algorithm>

#include "toolkit/core/error.h"

namespace jetstudy::data {
namespace {

// Moves row `from` of a jet-major array with `width` values per jet to row `to` (to <= from).
void move_row(std::vector<float>& values, std::size_t width, std::size_t from, std::size_t to) {
  if (width == 0 || from == to) return;
  std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(from * width), width,
              values.begin() + static_cast<std::ptrdiff_t>(to * width));
}

}  // namespace

std::int64_t keep_rows(Split& split, const std::vector<char>& keep) {
  JETSTUDY_CHECK(keep.size() == static_cast<std::size_t>(split.size), "one keep flag per jet");
  const auto n = static_cast<std::size_t>(split.size);
  // Values per jet of each jet-major array (0 for an absent one, e.g. no event images).
  const std::size_t pixels = n > 0 ? split.images.size() / n : 0;
  const std::size_t event_pixels = n > 0 ? split.event_images.size() / n : 0;
  std::size_t out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    if (out != i) {
      move_row(split.images, pixels, i, out);
      move_row(split.event_images, event_pixels, i, out);
      split.labels[out] = split.labels[i];
      if (!split.weights.empty()) split.weights[out] = split.weights[i];
      for (auto& [name, values] : split.observers) values[out] = values[i];
    }
    ++out;
  }
  split.images.resize(out * pixels);
  split.event_images.resize(out * event_pixels);
  split.labels.resize(out);
  if (!split.weights.empty()) split.weights.resize(out);
  for (auto& [name, values] : split.observers) values.resize(out);
  const std::int64_t dropped = split.size - static_cast<std::int64_t>(out);
  split.size = static_cast<std::int64_t>(out);
  return dropped;
}

}  // namespace jetstudy::data
