#include "toolkit/recipe/loader.h"

#include <catch2/catch.hpp>

using namespace jetstudy::recipe;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {
const std::string kDir = "tests/fixtures/recipes/";
}

TEST_CASE("loader: a YAML syntax error names file, line and column") {
  REQUIRE_THROWS_WITH(load_recipe(kDir + "bad_syntax.yaml"),
                      StartsWith(kDir + "bad_syntax.yaml:3:38: YAML syntax error: illegal flow end"));
}

TEST_CASE("loader: a duplicate key is reported at its second occurrence") {
  REQUIRE_THROWS_WITH(load_recipe(kDir + "bad_duplicate_key.yaml"),
                      Equals(kDir + "bad_duplicate_key.yaml:4:1: duplicate key 'model'"));
}

TEST_CASE("loader: a missing base file is reported at the base: value with the path tried") {
  REQUIRE_THROWS_WITH(load_recipe(kDir + "bad_missing_base.yaml"),
                      StartsWith(kDir + "bad_missing_base.yaml:2:7: base file '" + kDir +
                                 "bases/no_such_dataset.yaml' does not exist"));
}

TEST_CASE("loader: a base that has a base of its own is refused") {
  REQUIRE_THROWS_WITH(load_recipe(kDir + "bad_nested_base.yaml"),
                      StartsWith(kDir + "bases/has_base.yaml:1:7: only one level of base: is supported"));
}

TEST_CASE("loader: an empty file, a list and a missing file are clear errors") {
  REQUIRE_THROWS_WITH(load_recipe(kDir + "bad_empty.yaml"), StartsWith(kDir + "bad_empty.yaml: the recipe is empty"));
  REQUIRE_THROWS_WITH(load_recipe(kDir + "bad_not_map.yaml"),
                      StartsWith(kDir + "bad_not_map.yaml:1:1: expected a map of keys"));
  REQUIRE_THROWS_WITH(load_recipe(kDir + "no_such_recipe.yaml"),
                      Equals(kDir + "no_such_recipe.yaml: cannot read the recipe file (does it exist?)"));
}

TEST_CASE("loader: a child overrides its base key by key, replaces lists, and each key keeps its file") {
  const SourceNode tree = load_recipe(kDir + "good_with_base.yaml");
  const json merged = to_untyped_json(tree);
  CHECK(merged["study"] == "with-base");
  CHECK(merged["data"]["jets"] == json::parse(R"({"algorithm": "antikt", "R": 0.8, "groom": {"trim": {"R": 0.2, "fcut": 0.05}}})"));
  CHECK(merged["model"] == json::parse(R"({"arch": "deeptop", "filters": [16, 16], "kernel": 3})"));
  CHECK(merged["images"]["size"] == json::array({37, 37}));
  const SourceNode& jets = *tree.find("data")->find("jets");
  CHECK(jets.find("R")->where.to_string() == kDir + "good_with_base.yaml:5:13");
  CHECK(jets.find("algorithm")->where.to_string() == kDir + "bases/toptag_generator.yaml:5:21");
}

TEST_CASE("loader: --set overrides apply after the base and win over both files") {
  const SourceNode tree = load_recipe(kDir + "good_with_base.yaml", {"data.jets.R=1.2", "model.filters=[4, 4, 4]"});
  const json merged = to_untyped_json(tree);
  CHECK(merged["data"]["jets"]["R"] == 1.2);
  CHECK(merged["model"]["filters"] == json::array({4, 4, 4}));
  CHECK(tree.find("model")->find("filters")->where.to_string() == "--set model.filters=[4, 4, 4]");
}
