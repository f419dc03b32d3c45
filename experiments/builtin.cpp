// The experiment kinds at a glance; a recipe's `experiment:` names one (`experiment: {kind: regress, ...}` with
// options).
#include "experiments/anomaly.h"
#include "experiments/classify.h"
#include "experiments/experiment.h"
#include "experiments/generate.h"
#include "experiments/regress.h"
#include "toolkit/core/registry.h"
#include "toolkit/recipe/named_schemas.h"

namespace jetstudy::experiments {

const std::vector<ExperimentEntry>& experiment_table() {
  static const std::vector<ExperimentEntry> kExperiments = {
      {"classify", "signal vs background (or K-class) jet-image classifier", classify_options, run_classify},
      {"decorrelate",
       "a classifier trained to leave an observer's background shape (the jet mass) unsculpted: DisCo or pivot "
       "loss, or data.downsample; reports the background-mass JSD and R50",
       decorrelate_options, run_decorrelate},
      {"anomaly", "an autoencoder trained on one class only; the reconstruction error is the anomaly score",
       anomaly_options, run_anomaly},
      {"generate", "a GAN (lagan) that generates jet images, judged by observables recomputed from its pixels",
       generate_options, run_generate},
      {"regress", "a per-jet target (an observer such as truth_pt) or a per-pixel target channel (PUMML)",
       regress_options, run_regress},
  };
  return kExperiments;
}

std::vector<recipe::NamedSchema> experiment_schemas() { return recipe::named_schemas(experiment_table()); }

const ExperimentEntry& find_experiment(const std::string& name) {
  return core::find_by_name(experiment_table(), name, "experiment");
}

}  // namespace jetstudy::experiments
