#include "toolkit/train/early_stopping.h"

#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/recipe/study.h"
#include "toolkit/train/json_numbers.h"

namespace jetstudy::train {

bool monitor_minimises(const std::string& monitor, const std::string& mode) {
  if (mode != "min" && mode != "max" && mode != "auto")
    throw core::InputError("train.early_stop.mode: expected min, max or auto, got '" + mode + "'");
  return !recipe::monitor_maximized(monitor, mode);  // the same rule as ASHA's `mode: auto`
}

EarlyStopping::EarlyStopping(EarlyStopOptions options)
    : options_(std::move(options)), minimise_(monitor_minimises(options_.monitor, options_.mode)) {
  if (options_.monitor.rfind("val_", 0) != 0 || options_.monitor.size() == 4)
    throw core::InputError("train.early_stop.monitor: expected val_loss or val_<metric>, got '" + options_.monitor + "'");
  if (options_.patience < 1) throw core::InputError("train.early_stop.patience: expected a positive number of epochs");
  if (!(options_.min_delta >= 0)) throw core::InputError("train.early_stop.min_delta: expected a number >= 0");
  best_ = minimise_ ? INFINITY : -INFINITY;
}

void EarlyStopping::check_computed(const std::map<std::string, double>& computed) const {
  if (options_.monitor == "val_loss" || computed.count(options_.monitor.substr(4))) return;
  std::string known = "val_loss";
  for (const auto& [name, value] : computed) known += ", val_" + name;
  throw core::InputError("train.early_stop.monitor: '" + options_.monitor +
                         "' is not computed on the validation split by this experiment; it computes " + known);
}

double EarlyStopping::monitored_value(const EpochRecord& record) const {
  check_computed(record.val_metrics);
  return options_.monitor == "val_loss" ? record.val_loss : record.val_metrics.at(options_.monitor.substr(4));
}

bool EarlyStopping::epoch_finished(int epoch, double monitored) {
  // The best starts at +-infinity, so the first number improves; NaN never does.
  const bool improved = minimise_ ? monitored < best_ - options_.min_delta : monitored > best_ + options_.min_delta;
  if (!improved) {
    ++epochs_without_improvement_;
    return false;
  }
  best_ = monitored;
  best_epoch_ = epoch;
  epochs_without_improvement_ = 0;
  return true;
}

nlohmann::json EarlyStopping::state() const {
  return {{"best", json_number(best_)},
          {"best_epoch", best_epoch_},
          {"epochs_without_improvement", epochs_without_improvement_}};
}

void EarlyStopping::restore(const nlohmann::json& state) {
  best_ = number_from_json(state.at("best"));
  best_epoch_ = state.at("best_epoch").get<int>();
  epochs_without_improvement_ = state.at("epochs_without_improvement").get<int>();
}

}  // namespace jetstudy::train
