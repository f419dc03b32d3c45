// The experiment kinds at a glance; a recipe's `experiment:` names one.
#include "experiments/classify.h"
#include "experiments/experiment.h"
#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::experiments {

const std::vector<ExperimentEntry>& experiment_table() {
  static const std::vector<ExperimentEntry> kExperiments = {
      {"classify", "signal vs background jet-image classifier", run_classify},
  };
  return kExperiments;
}

const ExperimentEntry& find_experiment(const std::string& name) {
  std::vector<std::string> names;
  for (const auto& entry : experiment_table()) {
    if (name == entry.name) return entry;
    names.emplace_back(entry.name);
  }
  throw core::InputError("unknown experiment '" + name + "'" + core::did_you_mean(name, names));
}

}  // namespace jetstudy::experiments
