#include "toolkit/data/loader.h"

#include <catch2/catch.hpp>

#include "tests/data/small_config.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/loader_bench.h"

using namespace jetstudy::data;
using jetstudy::data::testing::ScratchDir;
using jetstudy::data::testing::small_config;

namespace {

// One 400-jet dataset for all loader tests (320 training jets), built once per test run.
const JetDataset& shared_dataset() {
  static const ScratchDir cache("loader");
  static const JetDataset dataset = [] {
    auto config = small_config(400);
    config["data"]["observers"] = {"mass", "pt"};
    config["data"]["reweight"] = {{"in", "pt"}, {"bins", 4}};
    config["images"]["steps"].push_back({{"normalize", {{"norm", "standardize"}}}});
    return build_or_load_dataset(config, cache.path());
  }();
  return dataset;
}

LoaderOptions small_chunks(std::uint64_t seed) {
  LoaderOptions options;
  options.batch_size = 10;
  options.seed = seed;
  options.chunk_jets = 32;
  options.window_chunks = 2;
  return options;
}

// The jets of one epoch, each named by its (pt, mass) pair, in delivery order.
std::vector<std::pair<float, float>> epoch_order(Loader& loader, std::int64_t* batches = nullptr) {
  std::vector<std::pair<float, float>> jets;
  std::int64_t count = 0;
  while (auto batch = loader.next()) {
    REQUIRE(batch->images.size() == static_cast<std::size_t>(batch->size * loader.shape().size()));
    REQUIRE(batch->labels.size() == static_cast<std::size_t>(batch->size));
    REQUIRE(batch->weights.size() == static_cast<std::size_t>(batch->size));
    for (std::int64_t i = 0; i < batch->size; ++i) jets.emplace_back(batch->observers.at("pt")[i], batch->observers.at("mass")[i]);
    ++count;
  }
  if (batches) *batches = count;
  return jets;
}

}  // namespace

TEST_CASE("loader: an epoch delivers every training jet exactly once, with its label, weight and observers") {
  const auto& dataset = shared_dataset();
  Loader loader(dataset.path, "train", small_chunks(7));
  REQUIRE(loader.size() == 320);
  REQUIRE(loader.shape() == dataset.shape);
  std::int64_t batches = 0;
  auto delivered = epoch_order(loader, &batches);
  REQUIRE(batches == 32);
  REQUIRE(loader.batches_per_epoch() == 32);
  REQUIRE(loader.epoch() == 1);
  std::vector<std::pair<float, float>> expected;
  for (std::int64_t i = 0; i < dataset.train.size; ++i)
    expected.emplace_back(dataset.train.observers.at("pt")[i], dataset.train.observers.at("mass")[i]);
  REQUIRE(delivered != expected);  // shuffled ...
  std::sort(delivered.begin(), delivered.end());
  std::sort(expected.begin(), expected.end());
  REQUIRE(delivered == expected);  // ... but each jet once

  // Bounded memory: never more than the window and the queue, far less than the split here.
  REQUIRE(loader.peak_jets_in_memory() <= loader.memory_bound_jets());
  REQUIRE(loader.memory_bound_jets() < 320);
}

TEST_CASE("loader: in file order, images arrive standardised and weighted exactly as the in-memory dataset") {
  const auto& dataset = shared_dataset();
  auto options = small_chunks(1);
  options.shuffle = false;
  Loader loader(dataset.path, "val", options);
  std::vector<float> images, weights, labels;
  while (auto batch = loader.next()) {
    images.insert(images.end(), batch->images.begin(), batch->images.end());
    weights.insert(weights.end(), batch->weights.begin(), batch->weights.end());
    labels.insert(labels.end(), batch->labels.begin(), batch->labels.end());
  }
  REQUIRE(dataset.standardized);
  REQUIRE(images == dataset.val.images);
  REQUIRE(weights == dataset.val.weights);
  REQUIRE(labels == dataset.val.labels);
  REQUIRE(std::any_of(weights.begin(), weights.end(), [](float w) { return w != 1.0f; }));
}

TEST_CASE("loader: the same seed gives the same order, another seed or the next epoch another") {
  const auto& dataset = shared_dataset();
  Loader first(dataset.path, "train", small_chunks(11));
  Loader again(dataset.path, "train", small_chunks(11));
  Loader other(dataset.path, "train", small_chunks(12));
  const auto order = epoch_order(first);
  REQUIRE(epoch_order(again) == order);
  REQUIRE(epoch_order(other) != order);
  const auto second_epoch = epoch_order(first);
  REQUIRE(second_epoch != order);
  REQUIRE(second_epoch.size() == order.size());
  REQUIRE(epoch_order(again) == second_epoch);
}

TEST_CASE("loader: drop_last leaves out the short last batch") {
  auto options = small_chunks(3);
  options.batch_size = 30;
  options.drop_last = true;
  Loader loader(shared_dataset().path, "train", options);
  std::int64_t batches = 0;
  REQUIRE(epoch_order(loader, &batches).size() == 300);
  REQUIRE(batches == 10);
}

TEST_CASE("loader: Ctrl-C stops the prefetch thread and next() says so") {
  Loader loader(shared_dataset().path, "train", small_chunks(5));
  REQUIRE(loader.next().has_value());
  jetstudy::core::request_interrupt();
  REQUIRE_THROWS_AS(loader.next(), jetstudy::core::Interrupted);
  jetstudy::core::clear_interrupt();
}

TEST_CASE("loader: a missing file or split is named in the error") {
  REQUIRE_THROWS_WITH(Loader("no/such/cache.h5", "train"), Catch::Matchers::Contains("no/such/cache.h5") &&
                                                              Catch::Matchers::Contains("not found"));
  REQUIRE_THROWS_WITH(Loader(shared_dataset().path, "training"), Catch::Matchers::Contains("train, val or test"));
}

TEST_CASE("loader_bench: loader_rate counts every image of each epoch and reads the process memory") {
  const auto rate = loader_rate(shared_dataset().path, 64, 2);
  REQUIRE(rate.images == 640);
  REQUIRE(rate.images_per_second > 0);
  REQUIRE(rate.memory.rss_mib > 1);
  REQUIRE(rate.memory.peak_rss_mib >= rate.memory.rss_mib);
}
