#include "toolkit/train/early_stopping.h"

#include <catch2/catch.hpp>

#include "toolkit/core/error.h"

using namespace jetstudy;

TEST_CASE("early_stopping: auto mode minimises losses, errors and distances and maximises the rest") {
  CHECK(train::monitor_minimises("val_loss", "auto"));
  CHECK(train::monitor_minimises("val_ece", "auto"));
  CHECK(train::monitor_minimises("val_jsd", "auto"));
  CHECK(train::monitor_minimises("val_mass_distance", "auto"));
  CHECK_FALSE(train::monitor_minimises("val_auc", "auto"));
  CHECK_FALSE(train::monitor_minimises("val_rejection@0.5", "auto"));
  CHECK(train::monitor_minimises("val_jsd@0.5", "auto"));
  CHECK_FALSE(train::monitor_minimises("val_inverse_jsd", "auto"));
  CHECK_FALSE(train::monitor_minimises("val_accuracy", "auto"));
  CHECK_FALSE(train::monitor_minimises("val_loss", "max"));
  CHECK(train::monitor_minimises("val_auc", "min"));
  REQUIRE_THROWS_WITH(train::monitor_minimises("val_auc", "up"),
                      "train.early_stop.mode: expected min, max or auto, got 'up'");
}

TEST_CASE("early_stopping: only rises larger than min_delta count, and patience bad epochs stop training") {
  train::EarlyStopping stopping({"val_auc", "auto", 2, 0.01});
  CHECK(stopping.epoch_finished(1, 0.80));
  CHECK_FALSE(stopping.epoch_finished(2, 0.805));  // within min_delta
  CHECK(stopping.epoch_finished(3, 0.82));
  CHECK_FALSE(stopping.epoch_finished(4, 0.825));
  CHECK_FALSE(stopping.should_stop());
  CHECK_FALSE(stopping.epoch_finished(5, 0.81));
  CHECK(stopping.should_stop());
  CHECK(stopping.best_value() == 0.82);
  CHECK(stopping.best_epoch() == 3);

  train::EarlyStopping resumed({"val_auc", "auto", 2, 0.01});
  resumed.restore(stopping.state());
  CHECK(resumed.should_stop());
  CHECK(resumed.best_epoch() == 3);
  CHECK(resumed.epochs_without_improvement() == 2);
}

TEST_CASE("early_stopping: a NaN never improves, an infinite rejection does") {
  train::EarlyStopping stopping({"val_rejection@0.3", "auto", 3, 0});
  CHECK_FALSE(stopping.epoch_finished(1, std::nan("")));
  CHECK(stopping.epoch_finished(2, INFINITY));
  CHECK(stopping.best_epoch() == 2);
}

TEST_CASE("early_stopping: a monitored metric the experiment does not compute is named with what it does") {
  const train::EarlyStopping stopping({"val_auc", "auto", 3, 0});
  train::EpochRecord record;
  record.val_loss = 0.4;
  record.val_metrics = {{"accuracy", 0.9}, {"ece", 0.02}};
  REQUIRE_THROWS_WITH(stopping.monitored_value(record),
                      "train.early_stop.monitor: 'val_auc' is not computed on the validation split by this "
                      "experiment; it computes val_loss, val_accuracy, val_ece");
  record.val_metrics["auc"] = 0.93;
  CHECK(stopping.monitored_value(record) == 0.93);
  CHECK(train::EarlyStopping({"val_loss", "auto", 3, 0}).monitored_value(record) == 0.4);
  REQUIRE_THROWS_WITH(train::EarlyStopping({"auc", "auto", 3, 0}),
                      "train.early_stop.monitor: expected val_loss or val_<metric>, got 'auc'");
}
