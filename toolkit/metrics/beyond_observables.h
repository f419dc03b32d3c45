// The "beyond physics variables" test of the jet-image papers (de Oliveira et al., arXiv:1511.05190, the section
// on what the network learns beyond mass and tau21): reweight the signal so that its distribution in chosen
// observables (e.g. mass and tau21) matches the background's, via the ratio of their 2-D histograms, and recompute
// the ROC. A classifier that only uses those observables drops to AUC ~ 0.5; what stays above is information
// beyond them.
#pragma once

#include <cstddef>
#include <vector>

namespace jetstudy::metrics {

struct BeyondObservables {
  double auc_before = 0;       // AUC of the jets inside the binning, with their own weights
  double auc_after = 0;        // the same jets with the signal reweighted to the background's distribution
  std::vector<double> weights;  // per jet, as used for auc_after: background keeps its weight; a signal jet in
                                // bin b gets w * (B_b / S_b) * (S / B) (B_b, S_b the summed weights in the bin, S, B
                                // the totals inside the binning); 0 for jets outside the binning and for signal
                                // in bins without background
  std::size_t jets_outside = 0;  // jets with an observable outside its edges, left out of both AUCs
};

// Two observables, each with its values (one per jet) and bin edges (at least two, strictly increasing).
// Throws core::InputError for bad edges, labels or weights, and when signal and background share no bin.
BeyondObservables beyond_observables(const std::vector<double>& scores, const std::vector<double>& labels,
                                     const std::vector<double>& first, const std::vector<double>& first_edges,
                                     const std::vector<double>& second, const std::vector<double>& second_edges,
                                     const std::vector<double>& weights = {});

// One observable (e.g. the mass alone).
BeyondObservables beyond_observables(const std::vector<double>& scores, const std::vector<double>& labels,
                                     const std::vector<double>& observable, const std::vector<double>& edges,
                                     const std::vector<double>& weights = {});

}  // namespace jetstudy::metrics
