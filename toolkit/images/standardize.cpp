#include "toolkit/images/standardize.h"

#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::images {

Standardize::Standardize(std::vector<float> mean, std::vector<float> standard_deviation)
    : mean_(std::move(mean)), standard_deviation_(std::move(standard_deviation)) {
  JETSTUDY_CHECK(mean_.size() == standard_deviation_.size(), "standardize: mean and std differ in size");
}

void Standardize::fit(const ImageBatch& training) {
  if (training.count < 1) {
    throw core::InputError("normalize standardize: the training split is empty, so there are no statistics");
  }
  const std::int64_t size = training.image_size();
  std::vector<double> mean(static_cast<std::size_t>(size), 0.0), variance(static_cast<std::size_t>(size), 0.0);
  for (std::int64_t n = 0; n < training.count; ++n) {
    const float* image = training.pixels + n * size;
    for (std::int64_t i = 0; i < size; ++i) mean[i] += image[i];
  }
  for (auto& m : mean) m /= static_cast<double>(training.count);
  for (std::int64_t n = 0; n < training.count; ++n) {
    const float* image = training.pixels + n * size;
    for (std::int64_t i = 0; i < size; ++i) variance[i] += (image[i] - mean[i]) * (image[i] - mean[i]);
  }
  mean_.assign(mean.begin(), mean.end());
  standard_deviation_.resize(static_cast<std::size_t>(size));
  for (std::int64_t i = 0; i < size; ++i) {
    standard_deviation_[i] = static_cast<float>(std::sqrt(variance[i] / static_cast<double>(training.count)));
  }
}

void Standardize::apply(const ImageBatch& images) const {
  JETSTUDY_CHECK(fitted(), "standardize: apply() before fit()");
  const std::int64_t size = images.image_size();
  JETSTUDY_CHECK(size == static_cast<std::int64_t>(mean_.size()), "standardize: images of another shape than the fit");
  for (std::int64_t n = 0; n < images.count; ++n) {
    float* image = images.pixels + n * size;
    for (std::int64_t i = 0; i < size; ++i) {
      const float centred = image[i] - mean_[i];
      image[i] = standard_deviation_[i] > 0 ? centred / standard_deviation_[i] : centred;
    }
  }
}

}  // namespace jetstudy::images
