// How the Trainer trains: batches, epochs, early stopping, the learning-rate schedule, the device, the seed of
// the shuffling order, where checkpoints go and whether to resume from them. Read from a recipe's `train:` block
// by train_options_from_recipe; the run's seed and directory are the experiment's to add.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "toolkit/train/schedule.h"

namespace jetstudy::train {

struct TrainOptions {
  std::int64_t batch_size = 128;
  int epochs = 10;
  // Early stopping (train.early_stop): "val_loss" or "val_<metric>" for any metric the experiment's
  // ValidationMetrics computes; mode min | max | auto (loss-like names minimise); stop after `patience` epochs
  // without an improvement larger than min_delta.
  std::string monitor = "val_loss";
  std::string mode = "auto";
  int patience = 3;
  double min_delta = 0;
  ScheduleOptions schedule;  // train.schedule (constant by default)
  torch::Device device = torch::kCPU;
  std::uint64_t seed = 1;                // shuffling order
  std::filesystem::path checkpoint_dir;  // best.pt and last.pt go here ("" = no checkpoint files)
  bool resume = false;                   // continue from checkpoint_dir/last.pt when it exists
  // Asked with the number of the epoch just finished (epochs trained so far) after each epoch that another would
  // follow (once last.pt holds it), and by a resumed run before it trains on: true stops training there like early
  // stopping would, with the best weights restored (the scheduler's ASHA stop, which waits at a rung for the
  // coordinator's verdict; Trainer::stopped_at_epoch says where). Empty: never.
  std::function<bool(int epoch)> stop_requested;
};

// batch, epochs, early_stop, schedule and device (resolved: throws core::InputError for a CUDA device this machine
// lacks) from a validated `train:` block. Leaves seed, checkpoint_dir and resume at their defaults.
TrainOptions train_options_from_recipe(const nlohmann::json& train);

}  // namespace jetstudy::train
