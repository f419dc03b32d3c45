// Resuming a killed run from last.pt: it must end exactly where an uninterrupted run ends (CPU, same threads).
#include <filesystem>

#include "tests/train/toy_training.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/losses/bce.h"
#include "toolkit/train/checkpoint.h"
#include "toolkit/train/optimizers.h"
#include "toolkit/train/trainer.h"

// After the torch headers: glog (through c10) defines a CHECK of its own that must not replace Catch's.
#include <catch2/catch.hpp>

using namespace jetstudy;
namespace fs = std::filesystem;

namespace {

constexpr int kEpochs = 4;

struct StopAfterEpoch {};  // what the "kill" throws from the epoch callback

struct Outcome {
  train::TrainingHistory history;
  std::vector<torch::Tensor> weights;       // the model after fit (the best epoch's)
  std::vector<torch::Tensor> last_weights;  // the model in last.pt (the final epoch's)
  int restored_epochs = 0;                  // epochs replayed from the checkpoint to the callback
};

// A small DeepTop with dropout (so the generator state matters), SGD with Nesterov momentum (so the optimizer
// state matters) and a step schedule (so the rate must be re-applied), trained on the toy problem.
Outcome train_toy(const fs::path& dir, bool resume, const std::function<void(const train::EpochRecord&)>& also = {}) {
  static const auto train_set = testing::toy_examples(128, 1), val_set = testing::toy_examples(32, 2);
  auto network = testing::small_network(3, /*dropout=*/0.3);
  losses::BinaryCrossEntropy bce;
  auto optimizer = train::make_optimizer(
      {{"name", "sgd"}, {"lr", 0.05}, {"momentum", 0.9}, {"nesterov", true}}, network->parameters());
  train::TrainOptions options;
  options.epochs = kEpochs;
  options.patience = kEpochs;
  options.batch_size = 16;
  options.seed = 7;
  options.schedule = train::ScheduleOptions::from_json({{"name", "step"}, {"every", 1}, {"gamma", 0.7}});
  options.checkpoint_dir = dir;
  options.resume = resume;
  Outcome outcome;
  train::Trainer trainer(network, bce, optimizer.get(), options);
  outcome.history = trainer.fit(train_set, val_set, {}, [&](const train::EpochRecord& record) {
    outcome.restored_epochs += record.restored;
    if (also) also(record);
  });
  outcome.weights = testing::weights_of(*network);
  auto last = testing::small_network(99, 0.3);
  train::load_checkpoint(*last, dir / "last.pt");
  outcome.last_weights = testing::weights_of(*last);
  return outcome;
}

void check_identical(const Outcome& resumed, const Outcome& uninterrupted) {
  REQUIRE(resumed.history.epochs.size() == uninterrupted.history.epochs.size());
  for (std::size_t i = 0; i < resumed.history.epochs.size(); ++i) {
    const auto& a = resumed.history.epochs[i];
    const auto& b = uninterrupted.history.epochs[i];
    INFO("epoch " << b.epoch);
    CHECK(a.epoch == b.epoch);
    CHECK(a.train_loss == b.train_loss);  // bit-identical, not approximately
    CHECK(a.val_loss == b.val_loss);
    CHECK(a.learning_rate == b.learning_rate);
    CHECK(a.improved == b.improved);
  }
  CHECK(resumed.history.best_epoch == uninterrupted.history.best_epoch);
  CHECK(resumed.history.best_monitored == uninterrupted.history.best_monitored);
  CHECK(testing::same_weights(resumed.weights, uninterrupted.weights));
  CHECK(testing::same_weights(resumed.last_weights, uninterrupted.last_weights));
}

}  // namespace

TEST_CASE("resume: a run killed after epoch 2 and resumed ends bit-identical to an uninterrupted run") {
  const core::TempDirectory straight("resume-straight"), killed("resume-killed");
  const auto uninterrupted = train_toy(straight.path(), false);
  REQUIRE(uninterrupted.history.epochs.size() == kEpochs);
  CHECK(uninterrupted.history.epochs[1].learning_rate == Approx(0.05 * 0.7));

  REQUIRE_THROWS_AS(train_toy(killed.path(), false,
                              [](const train::EpochRecord& record) {
                                if (record.epoch == 2) throw StopAfterEpoch{};
                              }),
                    StopAfterEpoch);
  const auto resumed = train_toy(killed.path(), true);
  CHECK(resumed.restored_epochs == 2);
  check_identical(resumed, uninterrupted);
}

TEST_CASE("resume: an interrupt during epoch 3 keeps epoch 2's last.pt, and resuming from it loses nothing") {
  const core::TempDirectory straight("interrupt-straight"), killed("interrupt-killed");
  const auto uninterrupted = train_toy(straight.path(), false);
  REQUIRE_THROWS_AS(train_toy(killed.path(), false,
                              [](const train::EpochRecord& record) {
                                if (record.epoch == 2) core::request_interrupt();  // Ctrl-C while epoch 3 starts
                              }),
                    core::Interrupted);
  core::clear_interrupt();
  const auto resumed = train_toy(killed.path(), true);
  CHECK(resumed.restored_epochs == 2);
  check_identical(resumed, uninterrupted);
}

TEST_CASE("resume: resuming a finished run trains nothing more and gives back its best weights") {
  const core::TempDirectory dir("resume-finished");
  const auto first = train_toy(dir.path(), false);
  const auto again = train_toy(dir.path(), true);
  CHECK(again.restored_epochs == kEpochs);
  check_identical(again, first);
}

TEST_CASE("resume: a last.pt written for another network is an input error naming the file") {
  const core::TempDirectory dir("resume-mismatch");
  train_toy(dir.path(), false);
  torch::manual_seed(1);
  auto wider = std::make_shared<models::DeepTopImpl>(
      models::DeepTopOptions{}.filters({6, 6}).kernel(3).pool_after({2}).dense({16}), models::InputSpec{1, 8, 8});
  auto adam = train::make_optimizer({{"name", "adam"}}, wider->parameters());
  losses::BinaryCrossEntropy bce;
  train::TrainOptions options;
  options.checkpoint_dir = dir.path();
  options.resume = true;
  train::Trainer trainer(wider, bce, adam.get(), options);
  REQUIRE_THROWS_WITH(trainer.fit(testing::toy_examples(32, 1), testing::toy_examples(16, 2), {}),
                      Catch::Matchers::StartsWith((dir.path() / "last.pt").string() + ": cannot resume from this checkpoint"));
}
