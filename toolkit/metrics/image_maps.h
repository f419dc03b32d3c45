// What a jet-image classifier looks at, as the jet-image papers show it (de Oliveira et al., arXiv:1511.05190;
// Kasieczka et al., arXiv:1701.08784): the average signal and background images and their difference, the
// per-pixel Pearson correlation between the pixel intensity and the network output, and the average of the jets
// the network finds most signal-like and most background-like. Plain vectors, no torch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace jetstudy::metrics {

// The shape of one image; images are stored jet-major and row-major: [N, channels, height, width].
struct ImageLayout {
  std::int64_t channels = 1, height = 0, width = 0;
  std::size_t pixels() const { return static_cast<std::size_t>(channels * height * width); }
};

// Every map has layout.pixels() values in the images' order [C, H, W].
struct ImageMaps {
  ImageLayout layout;
  std::vector<double> signal_mean;            // average over signal jets
  std::vector<double> background_mean;        // average over background jets
  std::vector<double> difference;             // signal_mean - background_mean
  std::vector<double> correlation;            // Pearson r(pixel, score) over all jets; 0 where either is constant
  std::size_t extreme_jets = 0;               // k actually averaged below (min of the k asked and N)
  std::vector<double> most_signal_like;       // average of the k jets with the highest scores (either label)
  std::vector<double> most_background_like;   // average of the k jets with the lowest scores
};

// `images` N * layout.pixels() values, `scores` and `labels` (1 signal, 0 background) one per jet; k >= 1.
// Throws core::InputError for a size that does not match the layout, bad labels, a NaN score, k = 0, or a sample
// without signal or without background.
ImageMaps image_maps(const std::vector<float>& images, const ImageLayout& layout, const std::vector<double>& scores,
                     const std::vector<double>& labels, std::size_t k);

}  // namespace jetstudy::metrics
