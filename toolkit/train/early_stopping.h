// Early stopping on a monitored validation quantity: val_loss, or val_<name> for any metric the experiment
// computes on the validation split. Training stops after `patience` epochs in a row without an improvement
// larger than `min_delta`; the best epoch's weights are the result.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "toolkit/train/training_history.h"

namespace jetstudy::train {

struct EarlyStopOptions {
  std::string monitor = "val_loss";
  std::string mode = "auto";  // min | max | auto (loss-like names minimise, the others maximise)
  int patience = 3;
  double min_delta = 0;
};

// Whether `monitor` improves downwards: "min" and "max" say so; "auto" minimises names that are losses,
// errors or distances (val_loss, val_ece, val_jsd@0.5, val_mass_distance, ...) and maximises the others (val_auc,
// val_rejection@0.5, and names with "inverse" such as val_inverse_jsd).
bool monitor_minimises(const std::string& monitor, const std::string& mode);

class EarlyStopping {
 public:
  explicit EarlyStopping(EarlyStopOptions options);  // throws core::InputError for a bad mode or monitor

  bool minimises() const { return minimise_; }
  const std::string& monitor() const { return options_.monitor; }

  // The monitored value of an epoch. Throws core::InputError when the experiment does not compute it, listing
  // what it does compute.
  double monitored_value(const EpochRecord& record) const;
  // Whether the validation metrics `computed` (without the val_ prefix) include the monitored one; throws the
  // same error as monitored_value when not.
  void check_computed(const std::map<std::string, double>& computed) const;

  // Books an epoch's monitored value; returns whether it improved on the best by more than min_delta.
  bool epoch_finished(int epoch, double monitored);
  bool should_stop() const { return epochs_without_improvement_ >= options_.patience; }
  double best_value() const { return best_; }
  int best_epoch() const { return best_epoch_; }
  int epochs_without_improvement() const { return epochs_without_improvement_; }

  nlohmann::json state() const;
  void restore(const nlohmann::json& state);

 private:
  EarlyStopOptions options_;
  bool minimise_;
  double best_;
  int best_epoch_ = 0;
  int epochs_without_improvement_ = 0;
};

}  // namespace jetstudy::train
