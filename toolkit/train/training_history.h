// What training did, epoch by epoch: the losses, the validation metrics, the learning rate and whether the
// monitored quantity improved. Kept in the last checkpoint as JSON so a resumed run has its whole history.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace jetstudy::train {

struct EpochRecord {
  int epoch = 0;  // 1-based
  double train_loss = 0;
  double val_loss = 0;
  std::map<std::string, double> val_metrics;  // e.g. {"auc": 0.93}
  double learning_rate = 0;                   // the rate this epoch trained with
  double seconds = 0;
  bool improved = false;  // the monitored quantity beat the best so far (by more than min_delta)
  bool restored = false;  // read back from a checkpoint by a resumed run, not trained in this process
};

struct TrainingHistory {
  std::vector<EpochRecord> epochs;
  int best_epoch = 0;
  double best_monitored = 0;
  bool stopped_early = false;
};

// Exact round trips (non-finite numbers included); from_json throws on a malformed document.
nlohmann::json history_to_json(const TrainingHistory& history);
TrainingHistory history_from_json(const nlohmann::json& json);

}  // namespace jetstudy::train
