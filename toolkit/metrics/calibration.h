// Calibration of a classifier whose score is a probability: among jets scored near 0.8, are 80 % signal?
// Reliability table in equal-width bins of the score and the expected calibration error (Guo et al.,
// arXiv:1706.04599):  ECE = sum_b (W_b / W) |<score>_b - f_b|,  f_b the (weighted) signal fraction in bin b.
#pragma once

#include <cstddef>
#include <vector>

namespace jetstudy::metrics {

struct ReliabilityBin {
  double low = 0, high = 0;     // the score range [low, high) of the bin; the last bin includes 1
  double weight = 0;            // summed weight of its jets (their count when unweighted)
  double mean_score = 0;        // weighted mean score; 0 in an empty bin
  double signal_fraction = 0;   // weighted fraction of signal jets; 0 in an empty bin
};

struct Calibration {
  std::vector<ReliabilityBin> bins;
  double ece = 0;  // expected calibration error, in [0, 1]; empty bins contribute nothing
};

// Scores must be probabilities in [0, 1] (apply the sigmoid to logits first): anything else throws
// core::InputError naming the jet, as do bad labels or weights (check_sample) and a sample of zero total weight.
Calibration calibration(const std::vector<double>& scores, const std::vector<double>& labels,
                        const std::vector<double>& weights = {}, std::size_t bins = 10);

// calibration(...).ece
double expected_calibration_error(const std::vector<double>& scores, const std::vector<double>& labels,
                                  const std::vector<double>& weights = {}, std::size_t bins = 10);

}  // namespace jetstudy::metrics
