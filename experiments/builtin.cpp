// The experiment kinds at a glance; a recipe's `experiment:` names one.
#include "experiments/classify.h"
#include "experiments/experiment.h"
#include "toolkit/core/registry.h"

namespace jetstudy::experiments {

const std::vector<ExperimentEntry>& experiment_table() {
  static const std::vector<ExperimentEntry> kExperiments = {
      {"classify", "signal vs background jet-image classifier", run_classify},
  };
  return kExperiments;
}

const ExperimentEntry& find_experiment(const std::string& name) {
  return core::find_by_name(experiment_table(), name, "experiment");
}

}  // namespace jetstudy::experiments
