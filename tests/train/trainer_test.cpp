#include "toolkit/train/trainer.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/train/toy_training.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/losses/bce.h"
#include "toolkit/train/checkpoint.h"
#include "toolkit/train/optimizers.h"

using namespace jetstudy;
namespace fs = std::filesystem;

namespace {

using testing::small_network;
using testing::toy_examples;

train::TrainOptions options_with(int epochs, int patience, std::int64_t batch = 32) {
  train::TrainOptions options;
  options.epochs = epochs;
  options.patience = patience;
  options.batch_size = batch;
  options.seed = 7;
  return options;
}

class NotANumberLoss : public losses::Loss {
 public:
  torch::Tensor operator()(const losses::LossInput& input) const override {
    return input.outputs.sum() * std::numeric_limits<float>::quiet_NaN();
  }
  std::string description() const override { return "always NaN"; }
};

// Binary cross-entropy until `poisoned` is set, NaN after.
class PoisonedLoss : public losses::BinaryCrossEntropy {
 public:
  explicit PoisonedLoss(const bool& poisoned) : poisoned_(poisoned) {}
  torch::Tensor operator()(const losses::LossInput& input) const override {
    const auto loss = BinaryCrossEntropy::operator()(input);
    return poisoned_ ? loss * std::numeric_limits<float>::quiet_NaN() : loss;
  }

 private:
  const bool& poisoned_;
};

const auto kFractionCorrect = [](const torch::Tensor& logits, const train::Examples& validation) {
  const double correct = ((logits > 0) == (validation.targets > 0.5)).sum().item<double>();
  return std::map<std::string, double>{{"fraction_correct", correct / static_cast<double>(logits.size(0))}};
};

}  // namespace

TEST_CASE("trainer: a separable toy problem is learned and the loss falls") {
  const auto train_set = toy_examples(256, 1), val_set = toy_examples(64, 2);
  auto network = small_network(3);
  losses::BinaryCrossEntropy bce;
  torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-2));
  train::Trainer trainer(network, bce, &adam, options_with(8, 8));
  const auto history = trainer.fit(train_set, val_set, {});
  REQUIRE(history.epochs.size() == 8);
  CHECK(history.epochs.back().train_loss < 0.5 * history.epochs.front().train_loss);
  const auto scores = train::predict_scores(*network, val_set, torch::kCPU);
  int correct = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) correct += (scores[i] > 0.5f) == (i % 2 == 0);
  CHECK(correct >= 60);  // of 64
}

TEST_CASE("trainer: the same seeds give bit-identical training") {
  const auto train_set = toy_examples(128, 1), val_set = toy_examples(32, 2);
  std::vector<double> val_losses[2];
  for (auto& losses_of_attempt : val_losses) {
    auto network = small_network(11);
    losses::BinaryCrossEntropy bce;
    torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-2));
    train::Trainer trainer(network, bce, &adam, options_with(3, 3));
    for (const auto& epoch : trainer.fit(train_set, val_set, {}).epochs) losses_of_attempt.push_back(epoch.val_loss);
  }
  CHECK(val_losses[0] == val_losses[1]);
}

TEST_CASE("trainer: early stopping ends training after `patience` epochs without improvement") {
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  auto network = small_network(5);
  losses::BinaryCrossEntropy bce;
  torch::optim::SGD frozen(network->parameters(), torch::optim::SGDOptions(0.0));  // weights never change
  train::Trainer trainer(network, bce, &frozen, options_with(10, 2));
  const auto history = trainer.fit(train_set, val_set, {});
  CHECK(history.epochs.size() == 3);  // epoch 1 sets the best, epochs 2 and 3 do not improve
  CHECK(history.best_epoch == 1);
  CHECK(history.stopped_early);
}

TEST_CASE("trainer: early stopping on a validation metric keeps the weights of the best epoch") {
  const auto train_set = toy_examples(128, 1), val_set = toy_examples(32, 2);
  auto network = small_network(5);
  losses::BinaryCrossEntropy bce;
  torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-2));
  auto options = options_with(4, 4);
  options.monitor = "val_fraction_correct";
  const auto fraction_correct = kFractionCorrect;
  train::Trainer trainer(network, bce, &adam, options);
  const auto history = trainer.fit(train_set, val_set, fraction_correct);
  // After fit the network holds the best epoch's weights, so it reproduces the best monitored value.
  CHECK(fraction_correct(train::predict(*network, val_set, torch::kCPU), val_set).at("fraction_correct") ==
        history.best_monitored);
}

TEST_CASE("trainer: best and last checkpoints are written and reload to identical outputs") {
  const core::TempDirectory temporary("checkpoints");
  const auto& dir = temporary.path();
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  auto network = small_network(5);
  losses::BinaryCrossEntropy bce;
  torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-2));
  auto options = options_with(2, 2);
  options.checkpoint_dir = dir;
  train::Trainer(network, bce, &adam, options).fit(train_set, val_set, {});
  REQUIRE(fs::exists(dir / "best.pt"));
  REQUIRE(fs::exists(dir / "last.pt"));

  auto reloaded = small_network(99);  // different initial weights
  train::load_checkpoint(*reloaded, dir / "best.pt");
  const auto before = train::predict(*network, val_set, torch::kCPU);
  const auto after = train::predict(*reloaded, val_set, torch::kCPU);
  CHECK(torch::equal(before, after));
  REQUIRE_THROWS_WITH(train::load_checkpoint(*reloaded, dir / "missing.pt"),
                      Catch::Matchers::EndsWith("missing.pt: checkpoint not found"));
}

TEST_CASE("trainer: a NaN loss stops the run naming epoch and step") {
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  auto network = small_network(5);
  NotANumberLoss nan_loss;
  torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-2));
  train::Trainer trainer(network, nan_loss, &adam, options_with(2, 2));
  REQUIRE_THROWS_WITH(trainer.fit(train_set, val_set, {}), Catch::Matchers::StartsWith("training loss is nan at epoch 1, step 1"));
}

TEST_CASE("trainer: a requested interrupt stops training at the next batch") {
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  auto network = small_network(5);
  losses::BinaryCrossEntropy bce;
  torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-2));
  train::Trainer trainer(network, bce, &adam, options_with(2, 2));
  core::request_interrupt();
  CHECK_THROWS_AS(trainer.fit(train_set, val_set, {}), core::Interrupted);
  core::clear_interrupt();
}

TEST_CASE("trainer: a NaN at epoch 2 leaves last.pt holding epoch 1") {
  const core::TempDirectory temporary("nan-checkpoint");
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  auto network = small_network(5);
  bool poisoned = false;
  PoisonedLoss loss(poisoned);
  torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-2));
  auto options = options_with(3, 3);
  options.checkpoint_dir = temporary.path();
  std::vector<torch::Tensor> after_epoch_1;
  train::Trainer trainer(network, loss, &adam, options);
  REQUIRE_THROWS_WITH(trainer.fit(train_set, val_set, {},
                                  [&](const train::EpochRecord&) {
                                    after_epoch_1 = testing::weights_of(*network);
                                    poisoned = true;
                                  }),
                      Catch::Matchers::StartsWith("training loss is nan at epoch 2, step 1"));
  auto reloaded = small_network(99);
  torch::optim::Adam fresh(reloaded->parameters(), torch::optim::AdamOptions(1e-2));
  const auto progress = train::load_training_checkpoint(temporary / "last.pt", {*reloaded, &fresh});
  CHECK(progress.completed_epochs == 1);
  CHECK(testing::same_weights(testing::weights_of(*reloaded), after_epoch_1));
}

TEST_CASE("trainer: each epoch records the learning rate its schedule set") {
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  auto network = small_network(5);
  losses::BinaryCrossEntropy bce;
  auto adam = train::make_optimizer({{"name", "adam"}, {"lr", 0.01}}, network->parameters());
  auto options = options_with(3, 3);
  options.schedule = train::ScheduleOptions::from_json({{"name", "step"}, {"every", 1}, {"gamma", 0.5}});
  train::Trainer trainer(network, bce, adam.get(), options);
  CHECK(trainer.schedule_description() == "step: x0.5 every 1 epochs from 0.01");
  const auto history = trainer.fit(train_set, val_set, {});
  REQUIRE(history.epochs.size() == 3);
  CHECK(history.epochs[0].learning_rate == 0.01);
  CHECK(history.epochs[1].learning_rate == 0.005);
  CHECK(history.epochs[2].learning_rate == 0.0025);
  CHECK(train::learning_rate(*adam) == 0.0025);
}

TEST_CASE("trainer: monitoring a metric the experiment does not compute fails before the first epoch") {
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  auto network = small_network(5);
  losses::BinaryCrossEntropy bce;
  torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-2));
  auto options = options_with(3, 3);
  options.monitor = "val_auc";
  int epochs_trained = 0;
  train::Trainer trainer(network, bce, &adam, options);
  REQUIRE_THROWS_WITH(trainer.fit(train_set, val_set, kFractionCorrect, [&](const train::EpochRecord&) { ++epochs_trained; }),
                      "train.early_stop.monitor: 'val_auc' is not computed on the validation split by this experiment; "
                      "it computes val_loss, val_fraction_correct");
  CHECK(epochs_trained == 0);
}

TEST_CASE("trainer: early stopping in max mode with min_delta ignores rises too small to count") {
  const auto train_set = toy_examples(64, 1), val_set = toy_examples(32, 2);
  auto network = small_network(5);
  losses::BinaryCrossEntropy bce;
  torch::optim::SGD frozen(network->parameters(), torch::optim::SGDOptions(0.0));  // the metric never changes
  auto options = options_with(10, 2);
  options.monitor = "val_fraction_correct";
  options.mode = "max";
  options.min_delta = 0.01;
  train::Trainer trainer(network, bce, &frozen, options);
  const auto history = trainer.fit(train_set, val_set, kFractionCorrect);
  CHECK(history.epochs.size() == 3);
  CHECK(history.best_epoch == 1);
  CHECK(history.epochs[0].improved);
  CHECK_FALSE(history.epochs[1].improved);
  CHECK(history.stopped_early);
}
