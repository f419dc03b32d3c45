#include "toolkit/train/trainer.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/temp_directory.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/losses/bce.h"
#include "toolkit/models/deeptop.h"
#include "toolkit/train/checkpoint.h"

using namespace jetstudy;
namespace fs = std::filesystem;

namespace {

// Signal jets deposit their pT in the upper-left pixel, background jets in the lower-right one, plus noise.
train::Examples toy_examples(std::int64_t n, std::uint64_t seed) {
  torch::manual_seed(seed);
  auto images = 0.1f * torch::rand({n, 1, 8, 8});
  auto labels = torch::zeros({n});
  for (std::int64_t i = 0; i < n; ++i) {
    const bool signal = i % 2 == 0;
    labels[i] = signal ? 1.0f : 0.0f;
    images[i][0][signal ? 2 : 5][signal ? 2 : 5] += 1.0f;
  }
  train::Examples examples;
  examples.images = images;
  examples.targets = labels;
  return examples;
}

std::shared_ptr<models::DeepTopImpl> small_network(std::uint64_t seed) {
  torch::manual_seed(seed);
  return std::make_shared<models::DeepTopImpl>(
      models::DeepTopOptions{}.filters({4, 4}).kernel(3).pool_after({2}).dense({16}), models::InputSpec{1, 8, 8});
}

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
  const auto fraction_correct = [](const torch::Tensor& logits, const train::Examples& validation) {
    const double correct = ((logits > 0) == (validation.targets > 0.5)).sum().item<double>();
    return std::map<std::string, double>{{"fraction_correct", correct / static_cast<double>(logits.size(0))}};
  };
  train::Trainer trainer(network, bce, &adam, options);
  const auto history = trainer.fit(train_set, val_set, fraction_correct);
  // After fit the network holds the best epoch's weights, so it reproduces the best monitored value.
  CHECK(fraction_correct(train::predict(*network, val_set, torch::kCPU), val_set).at("fraction_correct") ==
        history.best_monitored);
}

TEST_CASE("trainer: best and last checkpoints are written and reload to identical outputs") {
  const testing::TempDirectory temporary("checkpoints");
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
