#include "toolkit/train/training_history.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace jetstudy;

TEST_CASE("training_history: the history round-trips through JSON exactly, non-finite numbers included") {
  train::TrainingHistory history;
  train::EpochRecord record;
  record.epoch = 1;
  record.train_loss = 0.1 + 0.2;  // not a short decimal
  record.val_loss = std::nan("");
  record.val_metrics = {{"auc", 1.0 / 3.0}, {"rejection@0.3", INFINITY}};
  record.learning_rate = 1e-3;
  record.improved = true;
  history.epochs = {record};
  history.best_epoch = 1;
  history.best_monitored = -INFINITY;
  const auto back = train::history_from_json(nlohmann::json::parse(train::history_to_json(history).dump()));
  REQUIRE(back.epochs.size() == 1);
  CHECK(back.epochs[0].train_loss == 0.1 + 0.2);
  CHECK(std::isnan(back.epochs[0].val_loss));
  CHECK(back.epochs[0].val_metrics == record.val_metrics);
  CHECK(back.epochs[0].learning_rate == 1e-3);
  CHECK(back.epochs[0].improved);
  CHECK(back.best_monitored == -INFINITY);
}
