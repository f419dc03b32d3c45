#include <catch2/catch.hpp>

#include <numeric>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/data/balance.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/reweight.h"

using namespace jetstudy::data;
using jetstudy::core::TempDirectory;
using jetstudy::data::testing::small_config;

TEST_CASE("balance: the surplus class loses its last jets, the rest keep their order and their images") {
  Split split;
  split.labels = {1, 1, 0, 1, 1, 0, 1};
  split.size = 7;
  split.images = {10, 11, 12, 13, 14, 15, 16};  // one-pixel images naming the jet
  split.weights = {1, 1, 1, 1, 1, 1, 1};
  split.observers["pt"] = {100, 101, 102, 103, 104, 105, 106};
  REQUIRE(balance_classes(split, 1) == 3);
  REQUIRE(split.size == 4);
  REQUIRE(split.labels == std::vector<float>{1, 1, 0, 0});
  REQUIRE(split.images == std::vector<float>{10, 11, 12, 15});
  REQUIRE(split.observers.at("pt") == std::vector<float>{100, 101, 102, 105});
  REQUIRE(split.weights.size() == 4);
}

TEST_CASE("reweight: each class becomes flat over the bins and keeps its jet count as total weight") {
  // Signal: 3 jets in bin 0, 1 in bin 1; background: 1 in bin 0, 1 in bin 1 (bins [0, 5), [5, 10]).
  const std::vector<float> values = {1, 2, 3, 7, 4, 9};
  const std::vector<float> labels = {1, 1, 1, 1, 0, 0};
  const auto weights = flat_weights(values, labels, 0, 10, 2);
  REQUIRE(weights[0] == Approx(4.0 / (2 * 3)));
  REQUIRE(weights[3] == Approx(4.0 / (2 * 1)));
  REQUIRE(weights[0] + weights[1] + weights[2] == Approx(weights[3]));  // both bins carry 2
  REQUIRE(weights[4] == Approx(1.0));
  REQUIRE(weights[5] == Approx(1.0));
  REQUIRE(flat_bin(10, 0, 10, 2) == 1);  // the top edge belongs to the last bin
  REQUIRE(flat_bin(-3, 0, 10, 2) == 0);
}

TEST_CASE("dataset: balance and a flat pT reweighting are stored per split in the cache file") {
  const TempDirectory cache("balance");
  auto config = small_config(201);
  config["data"]["balance"] = true;
  config["data"]["reweight"] = {{"to", "flat"}, {"in", "pt"}, {"bins", 5}};
  const auto built = build_or_load_dataset(config, cache.path());
  for (const Split* split : {&built.train, &built.val, &built.test}) {
    const auto signal = std::count(split->labels.begin(), split->labels.end(), 1.0f);
    REQUIRE(signal * 2 == split->size);  // balanced
    REQUIRE(split->weights.size() == static_cast<std::size_t>(split->size));
  }
  // Per class, the training weights sum to its jet count and each filled pT bin carries the same weight.
  const auto& counts = built.counts["reweight"];
  const double low = counts["range"][0], high = counts["range"][1];
  for (const float label : {0.0f, 1.0f}) {
    std::vector<double> per_bin(5, 0.0);
    double total = 0;
    std::int64_t jets = 0;
    for (std::int64_t i = 0; i < built.train.size; ++i) {
      if (built.train.labels[i] != label) continue;
      per_bin[flat_bin(built.train.observers.at("pt")[i], low, high, 5)] += built.train.weights[i];
      total += built.train.weights[i];
      ++jets;
    }
    REQUIRE(total == Approx(static_cast<double>(jets)).epsilon(1e-4));
    const double filled = *std::max_element(per_bin.begin(), per_bin.end());
    for (const double bin : per_bin) REQUIRE((bin == 0 || bin == Approx(filled).epsilon(1e-4)));
  }
  REQUIRE(built.counts["balance"]["dropped"]["train"].get<std::int64_t>() >= 0);
  REQUIRE(built.train.size + built.val.size + built.test.size + built.counts["balance"]["dropped"]["train"].get<int>() +
              built.counts["balance"]["dropped"]["val"].get<int>() + built.counts["balance"]["dropped"]["test"].get<int>() ==
          201);
  const auto loaded = read_dataset_file(built.path);
  REQUIRE(loaded.train.weights == built.train.weights);
  REQUIRE(loaded.test.weights == built.test.weights);
}

TEST_CASE("dataset: without reweighting every jet weighs 1") {
  const auto built = build_dataset(dataset_spec_from_json(small_config(40)));
  REQUIRE(built.train.weights == std::vector<float>(built.train.size, 1.0f));
}
