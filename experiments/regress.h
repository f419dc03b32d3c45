// regress: a network that predicts a number per jet or an image per jet.
// - Per jet (`experiment: {kind: regress, target: truth_pt}`): a scorer architecture with one output learns an
//   observer (e.g. the pT of the jet's hard-scatter constituents under pile-up) from the images; the target is
//   standardised with the training split's mean and spread and the predictions turned back into its units.
//   Reported: bias (median of predicted/true - 1), resolution (half the 16-84% width of predicted/true) and RMSE.
// - Per pixel (`experiment: {kind: regress, target_channel: 3}`), as PUMML (Komiske, Metodiev, Nachman, Schwartz,
//   arXiv:1707.08600): a pixel_regressor reads every image channel but the target one (e.g. charged hard-scatter,
//   charged pile-up and all neutral pT) and predicts the target channel (neutral hard-scatter pT). Reported: the
//   pixel MSE and the per-jet pT (pixel sum of target + any `add_channels`) bias and resolution of the prediction,
//   beside the same for a `baseline_channel` (e.g. all neutral pT, the uncorrected input).
#pragma once

#include "experiments/experiment.h"

namespace jetstudy::experiments {

recipe::Schema regress_options();
store::RunOutcome run_regress(const ExperimentContext& context);

}  // namespace jetstudy::experiments
