#include "toolkit/images/normalize.h"

#include <cmath>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::images {

Norm parse_norm(const std::string& name) {
  if (name == "none") return Norm::none;
  if (name == "l1") return Norm::l1;
  if (name == "l2") return Norm::l2;
  if (name == "standardize") return Norm::standardize;
  throw core::InputError("images.steps: normalize.norm '" + name + "' is not one of none, l1, l2, standardize" +
                         core::did_you_mean(name, norm_names()));
}

std::string norm_name(Norm norm) {
  switch (norm) {
    case Norm::none: return "none";
    case Norm::l1: return "l1";
    case Norm::l2: return "l2";
    case Norm::standardize: return "standardize";
  }
  return "?";
}

std::vector<std::string> norm_names() { return {"none", "l1", "l2", "standardize"}; }

Normalize::Normalize(Norm norm) : norm_(norm) {
  JETSTUDY_CHECK(norm != Norm::standardize, "standardize needs training statistics: use the Standardize step");
}

void Normalize::apply(ImageView& image, const JetFrame&) const {
  if (norm_ == Norm::none) return;
  for (std::int64_t c = 0; c < image.channels; ++c) {
    float* plane = image.plane(c);
    // Eight independent float partial sums, one branch-free loop per norm: the additions do not wait on each
    // other and the compiler vectorises them (this runs for every image). Each partial adds ~200 of the 1600
    // pixels of a 40x40 image, so float keeps the norm to ~1e-6 relative, well inside float pixels' own rounding.
    constexpr int kLanes = 8;
    float partial[kLanes] = {};
    const std::int64_t size = image.plane_size();
    const std::int64_t whole = size - size % kLanes;
    if (norm_ == Norm::l1) {
      for (std::int64_t i = 0; i < whole; i += kLanes)
        for (int k = 0; k < kLanes; ++k) partial[k] += std::abs(plane[i + k]);
      for (std::int64_t i = whole; i < size; ++i) partial[0] += std::abs(plane[i]);
    } else {
      for (std::int64_t i = 0; i < whole; i += kLanes)
        for (int k = 0; k < kLanes; ++k) partial[k] += plane[i + k] * plane[i + k];
      for (std::int64_t i = whole; i < size; ++i) partial[0] += plane[i] * plane[i];
    }
    double norm = 0;
    for (const float sum : partial) norm += sum;
    if (norm_ == Norm::l2) norm = std::sqrt(norm);
    if (norm <= 0) continue;
    const float scale = static_cast<float>(1.0 / norm);
    for (std::int64_t i = 0; i < whole; i += kLanes)
      for (int k = 0; k < kLanes; ++k) plane[i + k] *= scale;  // in lanes, so that it vectorises as the sum does
    for (std::int64_t i = whole; i < size; ++i) plane[i] *= scale;
  }
}

std::string Normalize::description() const { return "normalize " + norm_name(norm_); }

}  // namespace jetstudy::images
