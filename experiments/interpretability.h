// What a binary jet-image classifier learned, stored with the run as curves (JSON) for the report: the jet-image
// papers' pictures (de Oliveira et al., arXiv:1511.05190; Kasieczka et al., arXiv:1701.08784) and checks --
// - average signal, background and difference images, the pixel-output Pearson correlation map, and the average
//   of the most signal-like and most background-like jets (curve `image_maps`);
// - the first-layer filters and the difference image convolved with each (curve `filters`, convolutional nets);
// - the reliability table and expected calibration error (curve `calibration`, metric `ece`);
// - AUC and 1/eps_B@0.5 in bins of jet pT (curve `pt_bins`);
// - "beyond physics variables": the AUC after the signal is reweighted to the background in the mass and the
//   N-subjettiness ratio (tau_21 or tau_32) that separates the classes best on its own -- what the network knows
//   beyond them (metric `auc_beyond_mass_<ratio>`, curve `beyond_observables`);
// - for networks that read event images: the mean output versus a phi rotation of the event image (curve
//   `phi_shift`: a well-trained network should be flat, as physics is).
// Each part runs only when the dataset and network have what it needs.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "experiments/run_setup.h"
#include "toolkit/models/network.h"
#include "toolkit/store/records.h"

namespace jetstudy::experiments {

// scores: the signal probability of every test jet, in order.
void add_interpretability(const PreparedData& data, models::NetworkImpl& network, const std::vector<float>& scores,
                          const torch::Device& device, store::RunOutcome& outcome);

}  // namespace jetstudy::experiments
