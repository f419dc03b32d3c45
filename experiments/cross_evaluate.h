// Cross-evaluation: a finished classifier run evaluated on another dataset than the one it was trained on (the
// review's generator-dependence study: trained on one shower, tested on another; or another pile-up level). The
// network is rebuilt from the run's configuration with the other dataset's shapes, given the run's best weights,
// and scored on that dataset's test split with the run's `evaluate:` metrics.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "toolkit/store/records.h"

namespace jetstudy::experiments {

// run_config: the run's resolved configuration; best_checkpoint: its best.pt; dataset_config: a resolved
// configuration whose data and images blocks name the other dataset. Throws core::InputError when the run is not
// a binary classifier or the other dataset's images do not fit the network.
store::EvaluationRecord cross_evaluate(const std::string& run_hash, const nlohmann::json& run_config,
                                       const std::filesystem::path& best_checkpoint,
                                       const nlohmann::json& dataset_config, const std::filesystem::path& cache_directory,
                                       const std::string& label, const std::function<void(const std::string&)>& say);

}  // namespace jetstudy::experiments
