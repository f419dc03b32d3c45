#include "toolkit/train/train_options.h"

#include "toolkit/train/device.h"

namespace jetstudy::train {

TrainOptions train_options_from_recipe(const nlohmann::json& train) {
  TrainOptions options;
  options.batch_size = train.at("batch").get<std::int64_t>();
  options.epochs = train.at("epochs").get<int>();
  const auto& early_stop = train.at("early_stop");
  options.monitor = early_stop.value("monitor", options.monitor);
  options.mode = early_stop.value("mode", options.mode);
  options.patience = early_stop.value("patience", options.patience);
  options.min_delta = early_stop.value("min_delta", options.min_delta);
  options.schedule = ScheduleOptions::from_json(train.value("schedule", nlohmann::json()));
  options.device = resolve_device(train.value("device", std::string("auto")));
  return options;
}

}  // namespace jetstudy::train
