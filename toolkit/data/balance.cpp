#include "toolkit/data/balance.h"

#include <algorithm>

namespace jetstudy::data {

std::int64_t balance_classes(Split& split, std::int64_t image_size) {
  const auto signal = static_cast<std::int64_t>(std::count(split.labels.begin(), split.labels.end(), 1.0f));
  const std::int64_t keep_per_class = std::min(signal, split.size - signal);
  std::int64_t kept_signal = 0, kept_background = 0, out = 0;
  const auto pixels = static_cast<std::size_t>(image_size);
  for (std::int64_t in = 0; in < split.size; ++in) {
    const auto i = static_cast<std::size_t>(in);
    std::int64_t& kept = split.labels[i] == 1.0f ? kept_signal : kept_background;
    if (kept == keep_per_class) continue;
    ++kept;
    const auto o = static_cast<std::size_t>(out);
    if (o != i) {
      std::copy_n(split.images.begin() + static_cast<std::ptrdiff_t>(i * pixels), pixels,
                  split.images.begin() + static_cast<std::ptrdiff_t>(o * pixels));
      split.labels[o] = split.labels[i];
      if (!split.weights.empty()) split.weights[o] = split.weights[i];
      for (auto& [name, values] : split.observers) values[o] = values[i];
    }
    ++out;
  }
  const std::int64_t dropped = split.size - out;
  split.size = out;
  split.images.resize(static_cast<std::size_t>(out) * pixels);
  split.labels.resize(static_cast<std::size_t>(out));
  if (!split.weights.empty()) split.weights.resize(static_cast<std::size_t>(out));
  for (auto& [name, values] : split.observers) values.resize(static_cast<std::size_t>(out));
  return dropped;
}

}  // namespace jetstudy::data
