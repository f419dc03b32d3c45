#include "toolkit/train/schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "toolkit/core/error.h"
#include "toolkit/train/json_numbers.h"

namespace jetstudy::train {

ScheduleOptions ScheduleOptions::from_json(const nlohmann::json& schedule) {
  ScheduleOptions options;
  if (schedule.is_null()) return options;
  options.name = schedule.value("name", options.name);
  if (options.name != "constant" && options.name != "step" && options.name != "plateau" && options.name != "cosine")
    throw core::InputError("train.schedule: unknown schedule '" + options.name +
                           "'; expected step, plateau or cosine (or no schedule for a constant rate)");
  if (options.name == "plateau") options.min_lr = 1e-6;
  options.every = schedule.value("every", options.every);
  options.gamma = schedule.value("gamma", options.gamma);
  options.factor = schedule.value("factor", options.factor);
  options.patience = schedule.value("patience", options.patience);
  options.min_lr = schedule.value("min_lr", options.min_lr);
  if (options.every < 1) throw core::InputError("train.schedule.every: expected a positive number of epochs");
  return options;
}

LearningRateSchedule::LearningRateSchedule(ScheduleOptions options, double base_rate, int epochs, bool minimise)
    : options_(std::move(options)),
      base_rate_(base_rate),
      epochs_(epochs),
      minimise_(minimise),
      plateau_rate_(base_rate),
      plateau_best_(minimise ? INFINITY : -INFINITY) {
  JETSTUDY_CHECK(epochs_ >= 1, "a schedule needs at least one epoch");
}

double LearningRateSchedule::rate(int epoch) const {
  const int completed = epoch - 1;  // PyTorch's last_epoch when epoch `epoch` trains
  if (options_.name == "step") return base_rate_ * std::pow(options_.gamma, completed / options_.every);
  if (options_.name == "plateau") return plateau_rate_;
  if (options_.name == "cosine") {
    const double phase = std::numbers::pi * static_cast<double>(completed) / static_cast<double>(epochs_);
    return options_.min_lr + (base_rate_ - options_.min_lr) * (1 + std::cos(phase)) / 2;
  }
  return base_rate_;
}

void LearningRateSchedule::epoch_finished(double monitored) {
  if (options_.name != "plateau") return;
  const bool improved = minimise_ ? monitored < plateau_best_ : monitored > plateau_best_;
  if (improved) {
    plateau_best_ = monitored;
    plateau_bad_epochs_ = 0;
    return;
  }
  if (++plateau_bad_epochs_ <= options_.patience) return;
  plateau_rate_ = std::max(plateau_rate_ * options_.factor, options_.min_lr);
  plateau_bad_epochs_ = 0;
}

std::string LearningRateSchedule::description() const {
  if (options_.name == "step")
    return fmt::format("step: x{} every {} epochs from {}", options_.gamma, options_.every, base_rate_);
  if (options_.name == "plateau")
    return fmt::format("plateau: x{} after {} epochs without improvement, from {} down to {}", options_.factor,
                       options_.patience, base_rate_, options_.min_lr);
  if (options_.name == "cosine")
    return fmt::format("cosine: from {} to {} over {} epochs", base_rate_, options_.min_lr, epochs_);
  return fmt::format("constant: {}", base_rate_);
}

nlohmann::json LearningRateSchedule::state() const {
  return {{"plateau_rate", json_number(plateau_rate_)},
          {"plateau_best", json_number(plateau_best_)},
          {"plateau_bad_epochs", plateau_bad_epochs_}};
}

void LearningRateSchedule::restore(const nlohmann::json& state) {
  plateau_rate_ = number_from_json(state.at("plateau_rate"));
  plateau_best_ = number_from_json(state.at("plateau_best"));
  plateau_bad_epochs_ = state.at("plateau_bad_epochs").get<int>();
}

}  // namespace jetstudy::train
