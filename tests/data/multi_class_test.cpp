// Multi-class datasets: data.source.classes gives labels 0..K-1 in the listed order, jets split evenly.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/core/error.h"
#include "toolkit/data/balance.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/dataset_spec.h"

using namespace jetstudy::data;
using jetstudy::core::TempDirectory;
using jetstudy::data::testing::small_config;
using Catch::Matchers::Contains;

namespace {

nlohmann::json three_class_config(int jets) {
  auto config = small_config(jets);
  auto& source = config["data"]["source"];
  source.erase("signal");
  source.erase("background");
  source["classes"] = {"qcd", "w", "top"};
  return config;
}

std::int64_t count_label(const Split& split, float label) {
  return std::count(split.labels.begin(), split.labels.end(), label);
}

}  // namespace

TEST_CASE("multi-class: classes [qcd, w, top] give labels 0, 1, 2 split evenly, stored with their names") {
  const TempDirectory cache("multiclass");
  const auto built = build_or_load_dataset(three_class_config(151), cache.path());
  REQUIRE(built.classes == std::vector<std::string>{"qcd", "w", "top"});
  // 151 jets over 3 classes: 51 qcd (the first class takes the remainder), 50 w, 50 top.
  const Split* splits[] = {&built.train, &built.val, &built.test};
  std::int64_t per_class[3] = {0, 0, 0};
  for (const Split* split : splits) {
    for (int k = 0; k < 3; ++k) per_class[k] += count_label(*split, static_cast<float>(k));
  }
  CHECK(per_class[0] == 51);
  CHECK(per_class[1] == 50);
  CHECK(per_class[2] == 50);
  CHECK(built.counts["selection"]["qcd"]["jets"] == 51);
  CHECK(built.counts["selection"]["top"]["process"] == "top");
  CHECK(built.counts["train"]["per_class"].size() == 3);
  CHECK_FALSE(built.counts["train"].contains("signal"));  // signal / background only for binary datasets
  // The classes differ physically: top jets (label 2) are heavier than QCD jets (label 0) on average.
  double mass[3] = {0, 0, 0};
  for (std::int64_t i = 0; i < built.train.size; ++i)
    mass[static_cast<int>(built.train.labels[i])] += built.train.observers.at("mass")[i];
  CHECK(mass[2] / count_label(built.train, 2) > mass[0] / count_label(built.train, 0) + 40);

  const auto loaded = read_dataset_file(built.path);
  REQUIRE(loaded.classes == built.classes);
  REQUIRE(loaded.train.labels == built.train.labels);
}

TEST_CASE("multi-class: a binary dataset names its labels background and signal") {
  const auto built = build_dataset(dataset_spec_from_json(small_config(40)));
  REQUIRE(built.classes == std::vector<std::string>{"background", "signal"});
  REQUIRE(built.counts["train"]["signal"].get<std::int64_t>() == count_label(built.train, 1));
  REQUIRE(built.counts["train"]["per_class"][1] == built.counts["train"]["signal"]);
  REQUIRE(class_names(dataset_spec_from_json(three_class_config(30)).source) ==
          std::vector<std::string>{"qcd", "w", "top"});
}

TEST_CASE("multi-class: balance keeps the count of the rarest of three classes") {
  Split split;
  split.labels = {2, 0, 1, 2, 2, 0, 1, 0, 2};
  split.size = 9;
  split.images = {10, 11, 12, 13, 14, 15, 16, 17, 18};
  split.event_images = {20, 21, 22, 23, 24, 25, 26, 27, 28};
  split.weights.assign(9, 1.0f);
  REQUIRE(balance_classes(split, 1, 3) == 3);
  REQUIRE(split.labels == std::vector<float>{2, 0, 1, 2, 0, 1});
  REQUIRE(split.images == std::vector<float>{10, 11, 12, 13, 15, 16});
  REQUIRE(split.event_images == std::vector<float>{20, 21, 22, 23, 25, 26});

  const TempDirectory cache("multiclass-balance");
  auto config = three_class_config(90);
  config["data"]["balance"] = true;
  const auto built = build_or_load_dataset(config, cache.path());
  for (const Split* s : {&built.train, &built.val, &built.test}) {
    CHECK(count_label(*s, 0) == count_label(*s, 1));
    CHECK(count_label(*s, 1) == count_label(*s, 2));
  }
}

TEST_CASE("multi-class: both forms at once, a repeated class or too few jets are input errors naming the key") {
  auto both = three_class_config(30);
  both["data"]["source"]["signal"] = "top";
  REQUIRE_THROWS_WITH(dataset_spec_from_json(both), Contains("either `signal` and `background`") && Contains("not both"));
  auto twice = three_class_config(30);
  twice["data"]["source"]["classes"] = {"qcd", "top", "qcd"};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(twice), Contains("data.source.classes[2]: process 'qcd' is listed twice"));
  auto one = three_class_config(30);
  one["data"]["source"]["classes"] = {"qcd"};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(one), Contains("at least two processes"));
  auto few = three_class_config(2);
  REQUIRE_THROWS_WITH(dataset_spec_from_json(few), Contains("data.source.jets") && Contains(">= 3"));
  auto unknown = three_class_config(30);
  unknown["data"]["source"]["classes"] = {"qcd", "tpo"};
  REQUIRE_THROWS_AS(dataset_spec_from_json(unknown), jetstudy::core::InputError);
}
