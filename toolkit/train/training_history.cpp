#include "toolkit/train/training_history.h"

#include "toolkit/train/json_numbers.h"

namespace jetstudy::train {
namespace {

nlohmann::json record_to_json(const EpochRecord& record) {
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& [name, value] : record.val_metrics) metrics[name] = json_number(value);
  return {{"epoch", record.epoch},
          {"train_loss", json_number(record.train_loss)},
          {"val_loss", json_number(record.val_loss)},
          {"val_metrics", metrics},
          {"learning_rate", json_number(record.learning_rate)},
          {"seconds", json_number(record.seconds)},
          {"improved", record.improved}};
}

EpochRecord record_from_json(const nlohmann::json& json) {
  EpochRecord record;
  record.epoch = json.at("epoch").get<int>();
  record.train_loss = number_from_json(json.at("train_loss"));
  record.val_loss = number_from_json(json.at("val_loss"));
  for (const auto& [name, value] : json.at("val_metrics").items()) record.val_metrics[name] = number_from_json(value);
  record.learning_rate = number_from_json(json.at("learning_rate"));
  record.seconds = number_from_json(json.at("seconds"));
  record.improved = json.at("improved").get<bool>();
  return record;
}

}  // namespace

nlohmann::json history_to_json(const TrainingHistory& history) {
  nlohmann::json epochs = nlohmann::json::array();
  for (const auto& record : history.epochs) epochs.push_back(record_to_json(record));
  return {{"epochs", epochs},
          {"best_epoch", history.best_epoch},
          {"best_monitored", json_number(history.best_monitored)},
          {"stopped_early", history.stopped_early}};
}

TrainingHistory history_from_json(const nlohmann::json& json) {
  TrainingHistory history;
  for (const auto& record : json.at("epochs")) history.epochs.push_back(record_from_json(record));
  history.best_epoch = json.at("best_epoch").get<int>();
  history.best_monitored = number_from_json(json.at("best_monitored"));
  history.stopped_early = json.at("stopped_early").get<bool>();
  return history;
}

}  // namespace jetstudy::train
