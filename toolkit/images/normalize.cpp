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
    // Four independent partial sums, one loop per norm: the additions no longer wait on each other and the
    // loop has no branch (this runs for every image).
    double partial[4] = {0, 0, 0, 0};
    const std::int64_t size = image.plane_size();
    const std::int64_t whole = size - size % 4;
    if (norm_ == Norm::l1) {
      for (std::int64_t i = 0; i < whole; i += 4)
        for (int k = 0; k < 4; ++k) partial[k] += std::abs(static_cast<double>(plane[i + k]));
      for (std::int64_t i = whole; i < size; ++i) partial[0] += std::abs(static_cast<double>(plane[i]));
    } else {
      for (std::int64_t i = 0; i < whole; i += 4)
        for (int k = 0; k < 4; ++k) partial[k] += static_cast<double>(plane[i + k]) * plane[i + k];
      for (std::int64_t i = whole; i < size; ++i) partial[0] += static_cast<double>(plane[i]) * plane[i];
    }
    double norm = (partial[0] + partial[1]) + (partial[2] + partial[3]);
    if (norm_ == Norm::l2) norm = std::sqrt(norm);
    if (norm <= 0) continue;
    const float scale = static_cast<float>(1.0 / norm);
    for (std::int64_t i = 0; i < size; ++i) plane[i] *= scale;
  }
}

std::string Normalize::description() const { return "normalize " + norm_name(norm_); }

}  // namespace jetstudy::images
