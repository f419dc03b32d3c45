#include "toolkit/train/train_options.h"

#include <yaml-cpp/yaml.h>

#include "toolkit/recipe/study_schema.h"
#include "toolkit/train/optimizers.h"

// After the torch headers: glog (through c10) defines a CHECK of its own that must not replace Catch's.
#include <catch2/catch.hpp>

using namespace jetstudy;

namespace {

// The recipe's `train:` block validated by the real study schema (defaults filled in).
nlohmann::json validated_train_block(const std::string& yaml) {
  recipe::StudyComponents components;
  components.optimizers = train::optimizer_schemas();
  const auto schema = recipe::study_schema(components);
  for (const auto& field : schema.fields())
    if (field.key == "train") return field.schema.validate(YAML::Load(yaml), "recipe.yaml");
  FAIL("the study schema has no train block");
  return {};
}

}  // namespace

TEST_CASE("train_options: a recipe's train block sets batches, epochs, early stopping and the schedule") {
  const auto options = train::train_options_from_recipe(validated_train_block(
      "batch: 64\nepochs: 30\ndevice: cpu\n"
      "early_stop: {monitor: val_auc, patience: 4, min_delta: 0.001}\n"
      "schedule: {name: plateau, factor: 0.2}\n"));
  CHECK(options.batch_size == 64);
  CHECK(options.epochs == 30);
  CHECK(options.monitor == "val_auc");
  CHECK(options.mode == "auto");
  CHECK(options.patience == 4);
  CHECK(options.min_delta == 0.001);
  CHECK(options.schedule.name == "plateau");
  CHECK(options.schedule.factor == 0.2);
  CHECK(options.schedule.patience == 2);   // the schema's default
  CHECK(options.schedule.min_lr == 1e-6);  // the schema's default
  CHECK(options.device == torch::Device(torch::kCPU));
  CHECK_FALSE(options.resume);
}

TEST_CASE("train_options: without a schedule the rate is constant, and the optimizer block builds an optimizer") {
  const auto block = validated_train_block("optimizer: {name: adadelta}\n");
  const auto options = train::train_options_from_recipe(block);
  CHECK(options.schedule.name == "constant");
  CHECK(options.monitor == "val_loss");
  CHECK(options.patience == 3);
  auto p = torch::zeros({1}, torch::requires_grad());
  CHECK(train::learning_rate(*train::make_optimizer(block.at("optimizer"), {p})) == 1.0);
  CHECK(block.at("optimizer").at("rho") == 0.9);
}

TEST_CASE("train_options: the recipe rejects a schedule or monitor it does not know, naming the place") {
  CHECK_THROWS_WITH(validated_train_block("schedule: {name: cosin}\n"),
                    Catch::Matchers::Contains("unknown schedule 'cosin'; did you mean 'cosine'"));
  // The block is validated on its own here, so key paths start below `train`.
  CHECK_THROWS_WITH(validated_train_block("early_stop: {monitor: auc}\n"),
                    "recipe.yaml:1:23: early_stop.monitor: expected val_loss or val_<metric>, got 'auc'");
}
