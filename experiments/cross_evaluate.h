// Cross-evaluation: a finished run evaluated on another dataset than the one it was trained on (the review's
// generator-dependence study: trained on one shower, tested on another; or another pile-up level). The network is
// rebuilt from the run's configuration with the other dataset's shapes, given the run's best weights, and scored
// on that dataset's test split as the run's own experiment scores its test split:
//   - a binary classifier (classify, decorrelate): the run's `evaluate:` metrics and the ROC curve;
//   - a K-class classifier: accuracy, auc_<class> (one vs rest) and the confusion matrix; the other dataset must
//     have the same class names (matched by name, in any order);
//   - an autoencoder (anomaly): its reconstruction error as the score of "not the class it learnt" (found by that
//     class's name in the other dataset), with the `evaluate:` metrics and the ROC curve.
// generate and regress runs are refused with the reason.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "toolkit/store/records.h"

namespace jetstudy::experiments {

// run_config: the run's resolved configuration; best_checkpoint: its best.pt; dataset_config: a resolved
// configuration whose data and images blocks name the other dataset. Throws core::InputError when the run is not
// of a kind scored here, the other dataset's classes are not the run's (naming both lists), or its images do not
// fit the network.
store::EvaluationRecord cross_evaluate(const std::string& run_hash, const nlohmann::json& run_config,
                                       const std::filesystem::path& best_checkpoint,
                                       const nlohmann::json& dataset_config, const std::filesystem::path& cache_directory,
                                       const std::string& label, const std::function<void(const std::string&)>& say);

}  // namespace jetstudy::experiments
