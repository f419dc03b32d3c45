#include "toolkit/images/intensity.h"

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::images {

Intensity parse_intensity(const std::string& name) {
  if (name == "pt") return Intensity::pt;
  if (name == "e") return Intensity::e;
  if (name == "et") return Intensity::et;
  throw core::InputError("images.intensity: '" + name + "' is not one of pt, e, et" +
                         core::did_you_mean(name, intensity_names()));
}

std::string intensity_name(Intensity intensity) {
  switch (intensity) {
    case Intensity::pt: return "pt";
    case Intensity::e: return "e";
    case Intensity::et: return "et";
  }
  return "?";
}

std::vector<std::string> intensity_names() { return {"pt", "e", "et"}; }

}  // namespace jetstudy::images
