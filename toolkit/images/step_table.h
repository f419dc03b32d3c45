// The table of preprocessing step names -> factories: the recipe's `images.steps` entries are looked up here.
// A new step is one class (a ConstituentStep, ImageStep or DatasetImageStep) plus one line in step_table.cpp
// and its option schema in step_schemas.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "toolkit/images/step.h"

namespace jetstudy::images {

// Exactly one of the three is set.
struct MadeStep {
  std::shared_ptr<const ConstituentStep> constituent_step;
  std::shared_ptr<const ImageStep> image_step;
  std::shared_ptr<const DatasetImageStep> dataset_step;  // an unfitted prototype
};

// One entry of `images.steps`: either a bare name ("flip") or {"name": {options}}. Throws core::InputError
// for an unknown name (with the closest valid one) or bad options.
MadeStep make_step(const nlohmann::json& entry);
std::vector<std::string> step_names();

}  // namespace jetstudy::images
