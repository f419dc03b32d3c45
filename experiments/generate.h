// generate: a GAN that generates jet images (LAGAN, de Oliveira, Paganini, Nachman, arXiv:1701.05927), trained
// with the non-saturating GAN loss and an auxiliary class output (ACGAN, arXiv:1610.09585). After every epoch it
// generates as many jets per class as the test split has and compares them with the real ones through
// observables recomputed from the pixels (pT, mass, tau_21: earth mover's distances, generation_quality.h) and
// the average images. The epoch whose generated mass is closest to the real one is kept as best.pt.
#pragma once

#include "experiments/experiment.h"

namespace jetstudy::experiments {

recipe::Schema generate_options();
store::RunOutcome run_generate(const ExperimentContext& context);

}  // namespace jetstudy::experiments
