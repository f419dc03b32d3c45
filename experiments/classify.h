// classify: train a jet tagger (signal vs background, or K classes) and evaluate it on the test split: ROC, AUC,
// background rejection 1/eps_B at fixed signal efficiency, SIC, learning curves per epoch (binary); the confusion
// matrix, accuracy and one-vs-rest AUCs (K classes).
// decorrelate: the same, trained so the tagger does not sculpt an observer's background distribution (the jet
// mass): with the DisCo loss (arXiv:2001.05310), the adversarial pivot (arXiv:1611.01046) or a training sample
// down-sampled to equal signal and background observer shapes (data.downsample, as CMS ImageTop-MD); it adds the
// background observer distribution before and after the cut at a signal efficiency, their Jensen-Shannon
// divergence and the rejection there (R50 at 0.5).
#pragma once

#include "experiments/experiment.h"

namespace jetstudy::experiments {

recipe::Schema classify_options();
store::RunOutcome run_classify(const ExperimentContext& context);

recipe::Schema decorrelate_options();
store::RunOutcome run_decorrelate(const ExperimentContext& context);

}  // namespace jetstudy::experiments
