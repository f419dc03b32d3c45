// Receiver operating characteristic of a binary classifier, in the collider convention: signal efficiency
// eps_S against background efficiency eps_B as the cut on the score moves (a jet is tagged when score >= cut),
// with the figures taggers are compared by (top-tagging landscape, arXiv:1902.09914): AUC, background
// rejection 1/eps_B at fixed eps_S, and the significance improvement eps_S / sqrt(eps_B).
#pragma once

#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

namespace jetstudy::metrics {

struct RocCurve {
  // From (0, 0) (cut above every score) to (1, 1) (cut at the lowest score); one point per distinct score,
  // so tied scores move together. Both non-decreasing.
  std::vector<double> eps_s;
  std::vector<double> eps_b;
  std::vector<double> thresholds;  // the cut of each point; +infinity for the first
};

// Labels are 1 (signal) or 0 (background); weights, if given, one per jet and >= 0. Throws core::InputError
// for a label other than 0/1, a negative weight, or a sample without signal or without background.
RocCurve roc_curve(const std::vector<double>& scores, const std::vector<double>& labels,
                   const std::vector<double>& weights = {});
RocCurve roc_curve(const std::vector<float>& scores, const std::vector<float>& labels,
                   const std::vector<float>& weights = {});

// Area under eps_S(eps_B), trapezoidal: the probability that a random signal jet scores above a random
// background jet, ties counted 1/2 (Mann-Whitney).
double auc(const RocCurve& curve);

// eps_B at signal efficiency eps_s (0 < eps_s <= 1), interpolated linearly in eps_B between the two
// neighbouring points of the curve.
double background_efficiency_at(const RocCurve& curve, double eps_s);

// 1 / eps_B at signal efficiency eps_s; +infinity when eps_B = 0 there (the caller decides what to show).
double rejection_at(const RocCurve& curve, double eps_s);

// max over the curve of eps_S / sqrt(eps_B), skipping points with eps_B = 0.
double sic_max(const RocCurve& curve);

// Fraction (weighted) of jets classified correctly with the cut at 0.5 (score >= 0.5 -> signal).
double accuracy(const std::vector<double>& scores, const std::vector<double>& labels,
                const std::vector<double>& weights = {});

// At most about max_points points of the curve (always its ends), spread evenly in eps_S, for storage:
// {"eps_s": [...], "eps_b": [...]}.
nlohmann::json compact_curve(const RocCurve& curve, std::size_t max_points = 200);

}  // namespace jetstudy::metrics
