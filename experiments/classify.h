// classify: train a jet-image classifier (signal vs background) and evaluate it on the test split:
// ROC, AUC, background rejection 1/eps_B at fixed signal efficiency, SIC; learning curves per epoch.
#pragma once

#include "experiments/experiment.h"

namespace jetstudy::experiments {

store::RunOutcome run_classify(const ExperimentContext& context);

}  // namespace jetstudy::experiments
