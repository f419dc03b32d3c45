#include "toolkit/metrics/image_maps.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/metrics/sample_checks.h"

namespace jetstudy::metrics {
namespace {

// The average of the images of `jets`.
std::vector<double> average_image(const std::vector<float>& images, std::size_t pixels,
                                  const std::vector<std::size_t>& jets) {
  std::vector<double> mean(pixels, 0);
  for (const auto jet : jets) {
    const float* image = images.data() + jet * pixels;
    for (std::size_t p = 0; p < pixels; ++p) mean[p] += image[p];
  }
  for (auto& value : mean) value /= static_cast<double>(jets.size());
  return mean;
}

// Pearson correlation of every pixel with the score over all jets; 0 where a pixel (or the score) does not vary.
std::vector<double> correlation_map(const std::vector<float>& images, std::size_t pixels,
                                    const std::vector<double>& scores) {
  const std::size_t jets = scores.size();
  const double score_mean = std::accumulate(scores.begin(), scores.end(), 0.0) / static_cast<double>(jets);
  std::vector<double> pixel_mean(pixels, 0);
  for (std::size_t i = 0; i < jets; ++i) {
    for (std::size_t p = 0; p < pixels; ++p) pixel_mean[p] += images[i * pixels + p];
  }
  for (auto& value : pixel_mean) value /= static_cast<double>(jets);

  // Centred sums: covariance and variances, each times N.
  std::vector<double> covariance(pixels, 0), pixel_variance(pixels, 0);
  double score_variance = 0;
  for (std::size_t i = 0; i < jets; ++i) {
    const double ds = scores[i] - score_mean;
    score_variance += ds * ds;
    for (std::size_t p = 0; p < pixels; ++p) {
      const double dx = images[i * pixels + p] - pixel_mean[p];
      covariance[p] += dx * ds;
      pixel_variance[p] += dx * dx;
    }
  }
  std::vector<double> r(pixels, 0);
  if (!(score_variance > 0)) return r;
  for (std::size_t p = 0; p < pixels; ++p) {
    if (pixel_variance[p] > 0) r[p] = covariance[p] / std::sqrt(pixel_variance[p] * score_variance);
  }
  return r;
}

}  // namespace

ImageMaps image_maps(const std::vector<float>& images, const ImageLayout& layout, const std::vector<double>& scores,
                     const std::vector<double>& labels, std::size_t k) {
  check_sample(scores, labels, {});
  if (layout.channels < 1 || layout.height < 1 || layout.width < 1) {
    throw core::InputError("image maps: an image needs at least one channel, row and column, got " +
                           std::to_string(layout.channels) + "x" + std::to_string(layout.height) + "x" +
                           std::to_string(layout.width));
  }
  const std::size_t pixels = layout.pixels();
  if (images.size() != scores.size() * pixels) {
    throw core::InputError("image maps: " + std::to_string(images.size()) + " pixel values for " +
                           std::to_string(scores.size()) + " jets of " + std::to_string(layout.channels) + "x" +
                           std::to_string(layout.height) + "x" + std::to_string(layout.width) + " pixels; expected " +
                           std::to_string(scores.size() * pixels));
  }
  if (k == 0) throw core::InputError("image maps: the number of most signal- and background-like jets must be >= 1");

  std::vector<std::size_t> signal, background;
  for (std::size_t i = 0; i < labels.size(); ++i) (labels[i] == 1.0 ? signal : background).push_back(i);
  if (signal.empty() || background.empty()) {
    throw core::InputError("image maps: need signal and background jets; got " + std::to_string(signal.size()) +
                           " signal, " + std::to_string(background.size()) + " background");
  }

  ImageMaps maps;
  maps.layout = layout;
  maps.signal_mean = average_image(images, pixels, signal);
  maps.background_mean = average_image(images, pixels, background);
  maps.difference.resize(pixels);
  for (std::size_t p = 0; p < pixels; ++p) maps.difference[p] = maps.signal_mean[p] - maps.background_mean[p];
  maps.correlation = correlation_map(images, pixels, scores);

  // Jets by score, highest first; ties keep the jet order so the choice is reproducible.
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  maps.extreme_jets = std::min(k, order.size());
  const auto top = static_cast<std::ptrdiff_t>(maps.extreme_jets);
  maps.most_signal_like = average_image(images, pixels, {order.begin(), order.begin() + top});
  maps.most_background_like = average_image(images, pixels, {order.end() - top, order.end()});
  return maps;
}

}  // namespace jetstudy::metrics
