#include "toolkit/images/step_table.h"

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/images/center.h"

namespace jetstudy::images {
namespace {

MadeStep make_center(const nlohmann::json& options) {
  std::string on = "leading_subjet";
  if (options.is_object() && options.contains("on")) {
    if (!options["on"].is_string()) throw core::InputError("images.steps: center.on must be a name");
    on = options["on"].get<std::string>();
  }
  return {std::make_shared<Center>(parse_center_on(on)), nullptr};
}

struct StepEntry {
  const char* name;
  const char* what;
  MadeStep (*make)(const nlohmann::json& options);
};

const StepEntry kSteps[] = {
    {"center", "shift so that the leading subjet / pT centroid / jet axis sits at (0,0)", make_center},
};

}  // namespace

std::vector<std::string> step_names() {
  std::vector<std::string> names;
  for (const auto& step : kSteps) names.emplace_back(step.name);
  return names;
}

MadeStep make_step(const nlohmann::json& entry) {
  std::string name;
  nlohmann::json options = nlohmann::json::object();
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
