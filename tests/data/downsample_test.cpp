// Mass down-sampling (data.downsample, CMS ImageTop-MD arXiv:2004.08262): train and val keep, per bin of the
// observer, equally many jets of each class; the test split is untouched.
#include "toolkit/data/downsample.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/dataset_spec.h"
#include "toolkit/data/reweight.h"

using namespace jetstudy::data;
using jetstudy::core::TempDirectory;
using jetstudy::data::testing::small_config;
using Catch::Matchers::Contains;

namespace {

// Jets per (bin, class) of `in` over `bins` bins of [low, high].
std::vector<std::int64_t> histogram(const Split& split, const std::string& in, double low, double high,
                                    std::int64_t bins) {
  std::vector<std::int64_t> counts(static_cast<std::size_t>(bins * 2), 0);
  for (std::int64_t i = 0; i < split.size; ++i) {
    const auto b = flat_bin(split.observers.at(in)[static_cast<std::size_t>(i)], low, high, bins);
    ++counts[static_cast<std::size_t>(b * 2 + static_cast<std::int64_t>(split.labels[static_cast<std::size_t>(i)]))];
  }
  return counts;
}

}  // namespace

TEST_CASE("downsample: each bin keeps the smaller class's count of both classes, chosen by the seed") {
  // Bins [0, 5) and [5, 10]: bin 0 has 3 signal and 1 background, bin 1 has 1 signal and 2 background.
  Split split;
  split.labels = {1, 1, 0, 1, 1, 0, 0};
  split.observers["mass"] = {1, 2, 3, 4, 7, 8, 9};
  split.images = {1, 2, 3, 4, 7, 8, 9};  // one-pixel images holding the jet's mass
  split.weights.assign(7, 1.0f);
  split.size = 7;
  Split again = split;
  REQUIRE(downsample_in_bins(split, "mass", 0, 10, 2, 2, 42) == 3);
  REQUIRE(split.size == 4);
  const auto counts = histogram(split, "mass", 0, 10, 2);
  REQUIRE(counts == std::vector<std::int64_t>{1, 1, 1, 1});  // bin 0: 1 bkg, 1 sig; bin 1: 1 bkg, 1 sig
  // Images follow their jets; the kept jets stay in order.
  REQUIRE(split.images == split.observers["mass"]);
  REQUIRE(std::is_sorted(split.images.begin(), split.images.end()));
  // The same seed drops the same jets.
  downsample_in_bins(again, "mass", 0, 10, 2, 2, 42);
  REQUIRE(again.images == split.images);
}

TEST_CASE("downsample: a generator dataset gets equal signal and background mass histograms in train and val only") {
  const TempDirectory cache("downsample");
  auto config = small_config(300);
  config["data"]["downsample"] = {{"in", "mass"}, {"bins", 6}};
  const auto built = build_or_load_dataset(config, cache.path());
  const auto& counts = built.counts["downsample"];
  const double low = counts["range"][0], high = counts["range"][1];
  for (const Split* split : {&built.train, &built.val}) {
    const auto histo = histogram(*split, "mass", low, high, 6);
    for (int b = 0; b < 6; ++b) CHECK(histo[b * 2] == histo[b * 2 + 1]);
  }
  // Top and QCD masses differ, so down-sampling drops jets; the test split keeps all of its jets.
  const auto plain = build_dataset(dataset_spec_from_json(small_config(300)));
  CHECK(counts["dropped"]["train"].get<std::int64_t>() > 20);
  CHECK(built.train.size + counts["dropped"]["train"].get<std::int64_t>() == plain.train.size);
  CHECK(built.val.size + counts["dropped"]["val"].get<std::int64_t>() == plain.val.size);
  CHECK(built.test.size == plain.test.size);
  CHECK(built.test.labels == plain.test.labels);
  CHECK(counts["in"] == "mass");
  CHECK(built.counts["train"]["jets"] == built.train.size);
  // The cached file is reused as it is.
  const auto loaded = read_dataset_file(built.path);
  CHECK(loaded.train.observers.at("mass") == built.train.observers.at("mass"));
  CHECK(loaded.counts["downsample"]["dropped"] == counts["dropped"]);
}

TEST_CASE("downsample: the variable is kept as an observer and must be a known one") {
  auto config = small_config(20);
  config["data"]["observers"] = {"pt"};
  config["data"]["downsample"] = {{"in", "mass"}};
  const auto spec = dataset_spec_from_json(config);
  REQUIRE(spec.downsample->in == "mass");
  REQUIRE(spec.downsample->bins == 20);
  REQUIRE(std::find(spec.observers.begin(), spec.observers.end(), "mass") != spec.observers.end());
  config["data"]["downsample"] = {{"in", "mas"}};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(config), Contains("unknown observer 'mas'") && Contains("did you mean 'mass'"));
  config["data"]["downsample"] = {{"in", "mass"}, {"bins", 0}};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(config), Contains("data.downsample.bins: expected a positive integer"));
}
