// The schema of a whole recipe (docs/recipe.md is its reference). Components plug in their own option
// schemas -- data sources, architectures, losses, optimizers, image steps, metrics -- so a new architecture
// is one file in toolkit/models/ plus one table line there, and recipe/ never includes models/.
#pragma once

#include <string>
#include <vector>

#include "toolkit/recipe/schema.h"

namespace jetstudy::recipe {

struct StudyComponents {
  std::vector<NamedSchema> experiments;    // experiment variants by `kind` (classify, anomaly, ...)
  std::vector<NamedSchema> sources;        // data.source variants by `kind`
  std::vector<NamedSchema> architectures;  // model variants by `arch`
  std::vector<NamedSchema> losses;         // loss variants by `name`
  std::vector<NamedSchema> optimizers;     // train.optimizer variants by `name`
  std::vector<NamedSchema> image_steps;    // images.steps items by name
  std::vector<std::string> metrics;        // evaluate: names; "rejection@0.3" matches `name@number`
  std::vector<std::string> observers;      // data.observers: names (data::observer_names())
  std::vector<std::string> default_observers;  // data.observers when not given (data::default_observer_names())
  Schema image_channel = Schema::one_of({"pt"}, "channel");      // one entry of images.channels
  Schema image_intensity = Schema::one_of({"pt"}, "intensity");  // images.intensity
};

Schema study_schema(const StudyComponents& components);

}  // namespace jetstudy::recipe
