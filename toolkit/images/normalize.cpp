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
    double norm = 0;
    for (std::int64_t i = 0; i < image.plane_size(); ++i) {
      norm += norm_ == Norm::l1 ? std::abs(static_cast<double>(plane[i])) : static_cast<double>(plane[i]) * plane[i];
    }
    if (norm_ == Norm::l2) norm = std::sqrt(norm);
    if (norm <= 0) continue;
    const double scale = 1.0 / norm;
    for (std::int64_t i = 0; i < image.plane_size(); ++i) plane[i] = static_cast<float>(plane[i] * scale);
  }
}

std::string Normalize::description() const { return "normalize " + norm_name(norm_); }

}  // namespace jetstudy::images
