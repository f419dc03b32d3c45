// The content-addressed dataset cache: a dataset is identified by the hash of the recipe's `data` and
// `images` blocks and lives in <cache_dir>/<hash>.h5, shared by every run that needs it. A valid file is
// loaded; a missing, truncated, corrupt or outdated one is (re)built and written atomically.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "toolkit/data/dataset_file.h"
#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// `config`: the validated recipe as JSON (uses its `data` and `images` blocks). `progress` (may be empty)
// receives lines such as "dataset <hash>: loaded from <file>", "...: building ...", "...: <file> is not
// usable (<why>); rebuilding", "...: wrote <file> (<bytes>)", and the build's warnings (build_dataset.h).
// The images come back finished: standardised when the images block asks for it. TrainImages::leave_in_file
// (for training through data::Loader) does not read the training split's images from a cached file, and releases
// them after a fresh build once the file holds them (dataset_file.h).
JetDataset build_or_load_dataset(const nlohmann::json& config, const std::filesystem::path& cache_dir,
                                 const std::function<void(const std::string&)>& progress = {},
                                 TrainImages train_images = TrainImages::read);

// <cache_dir>/<hash>.h5 for this config, without building anything.
std::filesystem::path dataset_cache_path(const nlohmann::json& config, const std::filesystem::path& cache_dir);

}  // namespace jetstudy::data
