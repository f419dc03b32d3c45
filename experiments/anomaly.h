// anomaly: unsupervised tagging with an autoencoder trained on one class only (QCD jets), whose reconstruction
// error is the anomaly score (Heimel, Kasieczka, Plehn, Thompson, arXiv:1808.08979; Farina, Nakai, Shih,
// arXiv:1808.08992). The labels are used only to evaluate: the other class should reconstruct worse.
#pragma once

#include "experiments/experiment.h"

namespace jetstudy::experiments {

recipe::Schema anomaly_options();
store::RunOutcome run_anomaly(const ExperimentContext& context);

}  // namespace jetstudy::experiments
