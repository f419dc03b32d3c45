// predictions.h5: a run's per-jet outputs on its test split, aligned with the dataset cache's /test group, so a
// later analysis (or another tool) can recompute any metric: /score, /label, /observers/<name>, attributes
// `dataset` (the dataset hash) and `format_version`. Written atomically.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace jetstudy::data {

struct Predictions {
  std::string dataset_hash;
  std::vector<float> scores;  // signal probability per jet
  std::vector<float> labels;
  std::map<std::string, std::vector<float>> observers;
};

void write_predictions_file(const std::filesystem::path& path, const Predictions& predictions);
// Throws core::InputError naming the file when it is missing, corrupt or inconsistent.
Predictions read_predictions_file(const std::filesystem::path& path);

}  // namespace jetstudy::data
