#include "toolkit/data/loader.h"

#include <catch2/catch.hpp>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/loader_bench.h"

using namespace jetstudy::data;
using jetstudy::core::TempDirectory;
using jetstudy::data::testing::small_config;

namespace {

// One 400-jet dataset for all loader tests (320 training jets), built once per test run.
const JetDataset& shared_dataset() {
  static const TempDirectory cache("loader");
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

TEST_CASE("loader: a loader that begins at epoch 2 delivers the order an unbroken one delivered in its epoch 2") {
  const auto& dataset = shared_dataset();
  Loader unbroken(dataset.path, "train", small_chunks(11));
  epoch_order(unbroken);
  const auto epoch_one = epoch_order(unbroken);  // 0-based epoch 1
  const auto epoch_two = epoch_order(unbroken);
  auto options = small_chunks(11);
  options.first_epoch = 1;
  Loader resumed(dataset.path, "train", options);
  REQUIRE(epoch_order(resumed) == epoch_one);
  REQUIRE(epoch_order(resumed) == epoch_two);
  REQUIRE(resumed.epoch() == 2);
}

TEST_CASE("loader: only_label delivers every jet of that class once, in full batches, and nothing else") {
  const auto& dataset = shared_dataset();
  auto options = small_chunks(4);
  options.only_label = 0;
  Loader loader(dataset.path, "train", options);
  const auto background = std::count(dataset.train.labels.begin(), dataset.train.labels.end(), 0.0f);
  REQUIRE(background > 20);
  REQUIRE(background < dataset.train.size);
  REQUIRE(loader.size() == background);
  std::vector<std::int64_t> sizes;
  std::vector<std::pair<float, float>> delivered;
  while (auto batch = loader.next()) {
    REQUIRE(std::all_of(batch->labels.begin(), batch->labels.end(), [](float label) { return label == 0.0f; }));
    for (std::int64_t i = 0; i < batch->size; ++i)
      delivered.emplace_back(batch->observers.at("pt")[i], batch->observers.at("mass")[i]);
    sizes.push_back(batch->size);
  }
  // Every batch but the last is full: the class's jets of several chunks fill a batch together.
  REQUIRE(static_cast<std::int64_t>(sizes.size()) == loader.batches_per_epoch());
  for (std::size_t b = 0; b + 1 < sizes.size(); ++b) REQUIRE(sizes[b] == 10);
  REQUIRE(sizes.back() == background - 10 * static_cast<std::int64_t>(sizes.size() - 1));
  std::vector<std::pair<float, float>> expected;
  for (std::int64_t i = 0; i < dataset.train.size; ++i)
    if (dataset.train.labels[static_cast<std::size_t>(i)] == 0.0f)
      expected.emplace_back(dataset.train.observers.at("pt")[i], dataset.train.observers.at("mass")[i]);
  std::sort(delivered.begin(), delivered.end());
  std::sort(expected.begin(), expected.end());
  REQUIRE(delivered == expected);
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

TEST_CASE("loader: a dataset built or loaded for streaming keeps no training images in memory, the rest whole") {
  const TempDirectory cache("loader-leave-in-file");
  auto config = small_config(120);
  config["images"]["steps"].push_back({{"normalize", {{"norm", "standardize"}}}});
  const auto read_before = training_images_read();
  const auto built = build_or_load_dataset(config, cache.path(), {}, TrainImages::leave_in_file);
  const auto loaded = build_or_load_dataset(config, cache.path(), {}, TrainImages::leave_in_file);
  REQUIRE(training_images_read() == read_before);  // the cached file was read without its training images
  for (const auto* dataset : {&built, &loaded}) {
    REQUIRE(dataset->train.size == 96);
    REQUIRE(dataset->train.images.empty());
    REQUIRE(dataset->train.images.capacity() == 0);  // released after the fresh build, not only cleared
    REQUIRE(dataset->train.labels.size() == 96);
    REQUIRE(dataset->train.observers.at("mass").size() == 96);
    REQUIRE(dataset->val.images.size() == static_cast<std::size_t>(dataset->val.size * dataset->shape.size()));
    REQUIRE(dataset->standardized);
  }
  REQUIRE(loaded.val.images == built.val.images);  // standardised alike
  // The loader streams the training images the dataset left in the file.
  Loader loader(built.path, "train", small_chunks(2));
  REQUIRE(loader.size() == 96);
  const auto read = build_or_load_dataset(config, cache.path());  // the default still reads them
  REQUIRE(training_images_read() == read_before + 96);
  REQUIRE(read.train.images.size() == static_cast<std::size_t>(96 * read.shape.size()));
}

TEST_CASE("loader_bench: loader_rate counts every image of each epoch and reads the process memory") {
  const auto rate = loader_rate(shared_dataset().path, 64, 2);
  REQUIRE(rate.images == 640);
  REQUIRE(rate.images_per_second > 0);
  REQUIRE(rate.memory.rss_mib > 1);
  REQUIRE(rate.memory.peak_rss_mib >= rate.memory.rss_mib);
}
