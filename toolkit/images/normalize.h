// Per-image normalisation of each channel (de Oliveira et al., arXiv:1511.05190; DeepTop, arXiv:1701.08784):
//   l1: divide by sum |x| so that a pT image sums to 1;  l2: divide by sqrt(sum x^2) (Euclidean norm 1);
//   none: leave the pixels in GeV. An empty channel stays empty.
// Either rescales the pT the pixels carry, so the pixel mass is no longer the jet mass (see docs/images.md);
// per-pixel standardisation with training-set statistics is a dataset step (standardize.h).
#pragma once

#include <string>
#include <vector>

#include "toolkit/images/step.h"

namespace jetstudy::images {

enum class Norm { none, l1, l2, standardize };

Norm parse_norm(const std::string& name);  // throws core::InputError with the closest valid name
std::string norm_name(Norm norm);
std::vector<std::string> norm_names();

class Normalize : public ImageStep {
 public:
  explicit Normalize(Norm norm);  // none, l1 or l2; standardize is the dataset step Standardize
  void apply(ImageView& image, const JetFrame& frame) const override;
  std::string description() const override;  // "normalize l1"
  Norm norm() const { return norm_; }

 private:
  Norm norm_;
};

}  // namespace jetstudy::images
