#include "toolkit/train/schedule.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "toolkit/core/error.h"

using namespace jetstudy;

namespace {

std::vector<double> rates(const train::LearningRateSchedule& schedule, int epochs) {
  std::vector<double> out;
  for (int epoch = 1; epoch <= epochs; ++epoch) out.push_back(schedule.rate(epoch));
  return out;
}

train::ScheduleOptions parsed(const char* text) { return train::ScheduleOptions::from_json(nlohmann::json::parse(text)); }

}  // namespace

TEST_CASE("schedule: step multiplies the rate by gamma every `every` epochs") {
  const train::LearningRateSchedule schedule(parsed(R"({"name": "step", "every": 2, "gamma": 0.5})"), 1.0, 6, true);
  CHECK(rates(schedule, 6) == std::vector<double>{1, 1, 0.5, 0.5, 0.25, 0.25});
  CHECK(schedule.description() == "step: x0.5 every 2 epochs from 1");
}

TEST_CASE("schedule: cosine anneals from the base rate towards min_lr over the planned epochs") {
  const train::LearningRateSchedule schedule(parsed(R"({"name": "cosine", "min_lr": 0.0})"), 1.0, 4, true);
  const auto got = rates(schedule, 4);
  // PyTorch's CosineAnnealingLR with T_max = epochs: (1 + cos(pi e / 4)) / 2 for e = 0..3.
  CHECK(got[0] == 1.0);
  CHECK(got[1] == Approx((1 + std::cos(std::numbers::pi / 4)) / 2));  // 0.8536
  CHECK(got[2] == Approx(0.5));
  CHECK(got[3] == Approx((1 - std::cos(std::numbers::pi / 4)) / 2));  // 0.1464
  const train::LearningRateSchedule floored(parsed(R"({"name": "cosine", "min_lr": 0.1})"), 1.0, 4, true);
  CHECK(floored.rate(3) == Approx(0.55));
}

TEST_CASE("schedule: plateau halves the rate after `patience` epochs without improvement, down to min_lr") {
  train::LearningRateSchedule schedule(
      parsed(R"({"name": "plateau", "factor": 0.5, "patience": 1, "min_lr": 0.2})"), 1.0, 9, true);
  // val_loss per epoch: best 1.0; two worse epochs -> 0.5; new best 0.9; two worse -> 0.25; two worse -> 0.2.
  const std::vector<double> monitored = {1.0, 1.1, 1.2, 0.9, 0.95, 0.95, 1.0, 1.0};
  std::vector<double> got = {schedule.rate(1)};
  for (std::size_t i = 0; i < monitored.size(); ++i) {
    schedule.epoch_finished(monitored[i]);
    got.push_back(schedule.rate(static_cast<int>(i) + 2));
  }
  CHECK(got == std::vector<double>{1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.2});
}

TEST_CASE("schedule: a maximised quantity counts rises as improvements, and the state restores a plateau") {
  train::LearningRateSchedule schedule(parsed(R"({"name": "plateau", "patience": 0})"), 0.1, 5, false);
  schedule.epoch_finished(0.8);  // best
  schedule.epoch_finished(0.9);  // better (rising AUC)
  CHECK(schedule.rate(3) == 0.1);
  schedule.epoch_finished(0.85);  // worse, patience 0: reduce
  CHECK(schedule.rate(4) == 0.05);

  train::LearningRateSchedule resumed(parsed(R"({"name": "plateau", "patience": 0})"), 0.1, 5, false);
  resumed.restore(schedule.state());
  resumed.epoch_finished(0.89);  // still below the restored best 0.9
  schedule.epoch_finished(0.89);
  CHECK(resumed.rate(5) == schedule.rate(5));
  CHECK(resumed.rate(5) == 0.025);
}

TEST_CASE("schedule: absent means constant, defaults fill missing keys, an unknown name is an input error") {
  const train::LearningRateSchedule constant(train::ScheduleOptions::from_json(nullptr), 3e-4, 3, true);
  CHECK(rates(constant, 3) == std::vector<double>{3e-4, 3e-4, 3e-4});
  const auto plateau = parsed(R"({"name": "plateau"})");
  CHECK(plateau.factor == 0.5);
  CHECK(plateau.patience == 2);
  CHECK(plateau.min_lr == 1e-6);
  CHECK(parsed(R"({"name": "step"})").every == 10);
  REQUIRE_THROWS_WITH(parsed(R"({"name": "exponential"})"),
                      "train.schedule: unknown schedule 'exponential'; expected step, plateau or cosine (or no "
                      "schedule for a constant rate)");
}
