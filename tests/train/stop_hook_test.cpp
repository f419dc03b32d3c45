// torch's headers define a CHECK macro of their own: Catch2 comes after them so that its CHECK wins.
#include "toolkit/train/trainer.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/train/toy_training.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/losses/bce.h"

using namespace jetstudy;

namespace {

using testing::small_network;
using testing::toy_examples;

train::TrainOptions options_with(int epochs) {
  train::TrainOptions options;
  options.epochs = epochs;
  options.patience = 100;  // no early stopping: only the hook stops
  options.batch_size = 32;
  options.seed = 7;
  return options;
}

}  // namespace

TEST_CASE("stop hook: training stops after the epoch at which the hook first says true, best weights restored") {
  const auto train_set = toy_examples(128, 1), val_set = toy_examples(32, 2);
  auto model = small_network(3);
  losses::BinaryCrossEntropy loss;
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-2));
  auto options = options_with(6);
  int asked = 0;
  std::vector<int> asked_after;
  options.stop_requested = [&](int epoch) {  // true after epoch 3
    asked_after.push_back(epoch);
    return ++asked == 3;
  };
  train::Trainer trainer(model, loss, &optimizer, options);
  std::vector<int> epochs_seen;
  const auto history = trainer.fit(train_set, val_set, {}, [&](const train::EpochRecord& r) { epochs_seen.push_back(r.epoch); });
  CHECK(history.epochs.size() == 3);
  CHECK((epochs_seen == std::vector<int>{1, 2, 3}));
  CHECK(asked == 3);
  CHECK((asked_after == std::vector<int>{1, 2, 3}));  // the number of the epoch just finished
  CHECK(trainer.stopped_at_epoch() == 3);
  // The weights are the best epoch's: its validation loss is what the model gives now.
  const auto best = history.epochs[static_cast<std::size_t>(history.best_epoch - 1)];
  CHECK(train::evaluate_loss(*model, loss, val_set, torch::kCPU) == Approx(best.val_loss).epsilon(1e-5));
}

TEST_CASE("stop hook: an empty hook or one that never says true trains every epoch, it is not asked after the last") {
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  auto model = small_network(3);
  losses::BinaryCrossEntropy loss;
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-2));
  auto options = options_with(3);
  int asked = 0;
  options.stop_requested = [&](int) { ++asked; return false; };
  train::Trainer trainer(model, loss, &optimizer, options);
  CHECK(trainer.fit(train_set, val_set, {}).epochs.size() == 3);
  CHECK(asked == 2);
  CHECK(trainer.stopped_at_epoch() == 0);

  train::Trainer without_hook(small_network(3), loss, &optimizer, options_with(2));
  CHECK(without_hook.fit(train_set, val_set, {}).epochs.size() == 2);
}

TEST_CASE("stop hook: a resumed run with a stop already requested trains no further epoch") {
  jetstudy::core::TempDirectory directory("stop-hook");
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  losses::BinaryCrossEntropy loss;
  auto options = options_with(5);
  options.checkpoint_dir = directory.path();
  options.resume = true;
  {
    auto model = small_network(3);
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-2));
    options.stop_requested = [](int) { return true; };
    train::Trainer trainer(model, loss, &optimizer, options);
    CHECK(trainer.fit(train_set, val_set, {}).epochs.size() == 1);  // stopped after epoch 1; last.pt holds it
  }
  auto model = small_network(3);
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-2));
  std::vector<int> asked_after;
  options.stop_requested = [&](int epoch) {
    asked_after.push_back(epoch);
    return true;
  };
  train::Trainer resumed(model, loss, &optimizer, options);
  const auto history = resumed.fit(train_set, val_set, {});
  CHECK(history.epochs.size() == 1);
  CHECK(history.epochs[0].restored);
  CHECK(resumed.stopped_at_epoch() == 1);
  CHECK((asked_after == std::vector<int>{1}));  // asked before training on, with the epoch last.pt holds
}
