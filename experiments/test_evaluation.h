// The test-split evaluation the experiment kinds share: the recipe's `evaluate:` metrics (weighted when the
// dataset carries weights), the ROC curve, the per-jet predictions file, and the run's checkpoints as artifacts.
#pragma once

#include <vector>

#include "experiments/experiment.h"
#include "experiments/run_setup.h"

namespace jetstudy::experiments {

// scores: one per test jet, larger = more signal-like; labels: 1 signal, 0 background (for an anomaly search,
// 1 = not the trained class).
void evaluate_binary_scores(const ExperimentContext& context, const PreparedData& data, const std::vector<float>& scores,
                            const std::vector<float>& labels, store::RunOutcome& outcome);

// best.pt and last.pt of the run directory.
void keep_checkpoints(const ExperimentContext& context, store::RunOutcome& outcome);

}  // namespace jetstudy::experiments
