// The ensemble of a configuration's seeds: the mean classifier output per test jet over the seeds, re-scored
// with the usual figures of merit. The top-tagging landscape (arXiv:1902.09914) reports it beside the median of
// the single networks; averaging removes part of the seed-to-seed noise.
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jetstudy::report {

struct Ensemble {
  std::size_t members = 0;
  std::size_t jets = 0;
  double auc = 0.0;
  double rejection_03 = 0.0;  // 1/eps_B at eps_S = 0.3; +infinity when no background passes
  double rejection_05 = 0.0;  // 1/eps_B at eps_S = 0.5
  double sic_max = 0.0;
  nlohmann::json roc;         // metrics::compact_curve of the ensemble ROC: {"eps_s": [...], "eps_b": [...]}
};

// Mean score per jet of the predictions.h5 files (at least one, all of the same test jets: the same count and
// labels, and the same dataset hash where the files record one), re-scored. Throws core::InputError naming the
// file that is unreadable or does not line up with the first.
Ensemble ensemble_of(const std::vector<std::filesystem::path>& prediction_files);

// The same from scores already in memory (one vector per member, equal lengths) and the common labels.
Ensemble ensemble_of_scores(const std::vector<std::vector<float>>& member_scores, const std::vector<float>& labels);

}  // namespace jetstudy::report
