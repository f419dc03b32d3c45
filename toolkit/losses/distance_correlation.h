// Weighted distance correlation between two samples (Székely, Rizzo & Bakirov, Ann. Statist. 35 (2007) 2769),
// as the DisCo decorrelation term (Kasieczka & Shih, arXiv:2001.05310, eqs. 2-4), differentiable in both samples.
// With a_ij = |x_i - x_j| double-centred by weighted means, A_ij = a_ij - a_i. - a_.j + a_.. (same for B from y),
// and per-event weights w normalised to mean 1 (as the DisCo authors' code does):
//   dCov^2(x, y) = (1/N^2) sum_ij w_i w_j A_ij B_ij,   dCorr^2 = dCov^2(x, y) / sqrt(dCov^2(x, x) dCov^2(y, y)).
// dCorr^2 is in [0, 1]; it is 0 for independent samples (up to O(1/N) for finite N) and 1 for y = a x + b.
// The O(N^2) matrices are built for the whole batch (memory N^2 per matrix).
#pragma once

#include <torch/torch.h>

namespace jetstudy::losses {

// Returns (dCorr^2)^power: power 1 is the DisCo paper's dCorr^2 (what Székely et al. write R^2), power 2 its
// square -- the `power` of the DisCo authors' code. x, y [N]; weights [N] or undefined (all 1), rescaled to mean
// 1, so a common scale of the weights does not matter. N >= 2.
torch::Tensor distance_correlation(const torch::Tensor& x, const torch::Tensor& y, const torch::Tensor& weights,
                                   int power = 1);

}  // namespace jetstudy::losses
