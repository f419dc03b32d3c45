#include "toolkit/images/step_table.h"

#include <algorithm>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/images/center.h"
#include "toolkit/images/crop.h"
#include "toolkit/images/flip.h"
#include "toolkit/images/normalize.h"
#include "toolkit/images/rotate.h"
#include "toolkit/images/standardize.h"
#include "toolkit/images/zoom.h"

namespace jetstudy::images {
namespace {

using nlohmann::json;

// Options a step's factory may read; anything else is refused with the closest known key.
void check_keys(const char* step, const json& options, const std::vector<std::string>& known) {
  if (options.is_null()) return;
  if (!options.is_object()) {
    throw core::InputError(std::string("images.steps: the options of ") + step + " must be a map, got " + options.dump());
  }
  for (const auto& [key, value] : options.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw core::InputError(std::string("images.steps: unknown option '") + key + "' of " + step +
                             core::did_you_mean(key, known));
    }
  }
}

std::string name_option(const char* step, const json& options, const char* key, const char* fallback) {
  if (!options.is_object() || !options.contains(key) || options[key].is_null()) return fallback;
  if (!options[key].is_string()) {
    throw core::InputError(std::string("images.steps: ") + step + "." + key + " must be a name, got " + options[key].dump());
  }
  return options[key].get<std::string>();
}

MadeStep make_center(const json& options) {
  check_keys("center", options, {"on"});
  return {std::make_shared<Center>(parse_center_on(name_option("center", options, "on", "leading_subjet"))), {}, {}};
}

MadeStep make_rotate(const json& options) {
  check_keys("rotate", options, {"to", "when"});
  const auto to = parse_rotate_to(name_option("rotate", options, "to", "principal_axis"));
  if (parse_rotate_when(name_option("rotate", options, "when", "before")) == RotateWhen::before) {
    return {std::make_shared<RotateConstituents>(to), {}, {}};
  }
  return {{}, std::make_shared<RotateImage>(to), {}};
}

MadeStep make_flip(const json& options) {
  check_keys("flip", options, {"eta"});
  bool eta = false;
  if (options.is_object() && options.contains("eta") && !options["eta"].is_null()) {
    if (!options["eta"].is_boolean()) throw core::InputError("images.steps: flip.eta must be true or false");
    eta = options["eta"].get<bool>();
  }
  return {std::make_shared<Flip>(eta), {}, {}};
}

MadeStep make_normalize(const json& options) {
  check_keys("normalize", options, {"norm"});
  const auto norm = parse_norm(name_option("normalize", options, "norm", "l1"));
  if (norm == Norm::standardize) return {{}, {}, std::make_shared<Standardize>()};
  return {{}, std::make_shared<Normalize>(norm), {}};
}

MadeStep make_zoom(const json& options) {
  check_keys("zoom", options, {"reference_pt"});
  double reference_pt = 300;
  if (options.is_object() && options.contains("reference_pt") && !options["reference_pt"].is_null()) {
    if (!options["reference_pt"].is_number()) throw core::InputError("images.steps: zoom.reference_pt must be GeV");
    reference_pt = options["reference_pt"].get<double>();
  }
  return {std::make_shared<Zoom>(reference_pt), {}, {}};
}

MadeStep make_crop(const json& options) {
  check_keys("crop", options, {"size"});
  if (!options.is_object() || !options.contains("size")) {
    throw core::InputError("images.steps: crop needs size: [eta_pixels, phi_pixels]");
  }
  const auto& size = options["size"];
  if (!size.is_array() || size.size() != 2 || !size[0].is_number_integer() || !size[1].is_number_integer()) {
    throw core::InputError("images.steps: crop.size must be [eta_pixels, phi_pixels], got " + size.dump());
  }
  return {{}, std::make_shared<Crop>(size[0].get<std::int64_t>(), size[1].get<std::int64_t>()), {}};
}

struct StepEntry {
  const char* name;
  const char* what;
  MadeStep (*make)(const json& options);
};

const StepEntry kSteps[] = {
    {"center", "shift so that the leading subjet / pT centroid / jet axis sits at (0,0)", make_center},
    {"rotate", "turn the principal axis / second subjet to +eta, before or after pixelisation", make_rotate},
    {"flip", "reflect so that more pT lies at +phi (and +eta)", make_flip},
    {"normalize", "none / l1 / l2 per image, standardize per pixel from training statistics", make_normalize},
    {"zoom", "scale offsets by pT / reference_pt (Lorentz-boost scaling)", make_zoom},
    {"crop", "keep the central H x W pixels", make_crop},
};

}  // namespace

std::vector<std::string> step_names() {
  std::vector<std::string> names;
  for (const auto& step : kSteps) names.emplace_back(step.name);
  return names;
}

MadeStep make_step(const json& entry) {
  std::string name;
  json options = json::object();
  if (entry.is_string()) {
    name = entry.get<std::string>();
  } else if (entry.is_object() && entry.size() == 1) {
    name = entry.begin().key();
    options = entry.begin().value();
  } else {
    throw core::InputError("images.steps: each step is a name or {name: {options}}, got " + entry.dump());
  }
  for (const auto& step : kSteps) {
    if (name == step.name) return step.make(options);
  }
  throw core::InputError("images.steps: unknown step '" + name + "'" + core::did_you_mean(name, step_names()));
}

}  // namespace jetstudy::images
