// Per-pixel standardisation with training-set statistics (Macaluso & Shih, arXiv:1803.00107): each pixel of
// each channel becomes (x - mean) / std, where mean and std of that pixel are taken over the TRAINING images
// only, and the same numbers are then applied to validation and test. A pixel that is constant on the
// training images (usually always empty) has std 0: it becomes x - mean (0 on the training images).
// Two phases, so whoever builds a dataset calls fit(train) once and apply() on every split:
//   auto step = spec.dataset_steps[0]->unfitted_copy();  step->fit(train);  step->apply(train); ...
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "toolkit/images/step.h"

namespace jetstudy::images {

class Standardize : public DatasetImageStep {
 public:
  Standardize() = default;
  // Already fitted (e.g. statistics read back from a dataset cache): mean and std have C*H*W entries each.
  Standardize(std::vector<float> mean, std::vector<float> standard_deviation);

  void fit(const ImageBatch& training) override;
  void apply(const ImageBatch& images) const override;
  bool fitted() const override { return !mean_.empty(); }
  std::unique_ptr<DatasetImageStep> unfitted_copy() const override { return std::make_unique<Standardize>(); }
  std::string description() const override { return "normalize standardize (per-pixel, training statistics)"; }

  const std::vector<float>& mean() const { return mean_; }
  const std::vector<float>& standard_deviation() const { return standard_deviation_; }

 private:
  std::vector<float> mean_, standard_deviation_;  // per pixel, C*H*W
};

}  // namespace jetstudy::images
