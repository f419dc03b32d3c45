#include "toolkit/recipe/overrides.h"

#include <catch2/catch.hpp>

using namespace jetstudy::recipe;
using Catch::Matchers::Equals;
using nlohmann::json;

TEST_CASE("overrides: a --set value is parsed as YAML and located at the override") {
  const Override epochs = parse_override("train.epochs=3");
  CHECK(epochs.key_path == std::vector<std::string>{"train", "epochs"});
  CHECK(epochs.value.scalar == "3");
  CHECK(epochs.where.to_string() == "--set train.epochs=3");

  const Override filters = parse_override("model.filters=[8,8]");
  CHECK(to_untyped_json(filters.value) == json::array({8, 8}));
  CHECK(filters.value.children[1].where.to_string() == "--set model.filters=[8,8]");

  CHECK(parse_override("data.jets.groom=").value.is_null());
  // A sweep grid key is itself a dotted path.
  CHECK(parse_override("sweep.grid.model.filters=[[8],[16]]").key_path ==
        std::vector<std::string>{"sweep", "grid", "model.filters"});
  CHECK(parse_override("sweep.zip.model.dense=[[32],[64]]").key_path ==
        std::vector<std::string>{"sweep", "zip", "model.dense"});
  CHECK(parse_override("sweep.random.params.train.optimizer.lr={log_uniform: [1.0e-4, 1.0e-2]}").key_path ==
        std::vector<std::string>{"sweep", "random", "params", "train.optimizer.lr"});
  CHECK(parse_override("sweep.random.n=20").key_path == std::vector<std::string>{"sweep", "random", "n"});
}

TEST_CASE("overrides: malformed assignments say what a --set looks like") {
  REQUIRE_THROWS_WITH(parse_override("train.epochs"),
                      Equals("--set train.epochs: expected key=value, e.g. --set train.epochs=3"));
  REQUIRE_THROWS_WITH(parse_override("train..epochs=3"), Catch::Matchers::StartsWith("--set train..epochs=3: empty key"));
  REQUIRE_THROWS_WITH(parse_override("model.filters=[8,8"),
                      Catch::Matchers::StartsWith("--set model.filters=[8,8: the value is not valid YAML"));
  REQUIRE_THROWS_WITH(parse_override("base=other.yaml"), Catch::Matchers::StartsWith("--set base=other.yaml: base: cannot"));
}

TEST_CASE("overrides: applying creates the maps on the way and replaces the old value") {
  SourceNode root = from_yaml(YAML::Load("train: {epochs: 10, batch: 64}\n"), "r.yaml");
  apply_override(root, parse_override("train.epochs=3"));
  apply_override(root, parse_override("train.optimizer.lr=1e-4"));
  CHECK(to_untyped_json(root) == json::parse(R"({"train": {"epochs": 3, "batch": 64, "optimizer": {"lr": 0.0001}}})"));
  CHECK(root.find("train")->find("batch")->where.to_string() == "r.yaml:1:28");
  CHECK(root.find("train")->find("optimizer")->key_where.to_string() == "--set train.optimizer.lr=1e-4");
}

TEST_CASE("overrides: a key below a bare name is refused, since replacing the name by a map would lose it") {
  SourceNode root = from_yaml(YAML::Load("loss: reconstruction\n"), "r.yaml");
  REQUIRE_THROWS_WITH(apply_override(root, parse_override("loss.pixel_weight_power=1")),
                      Equals("--set loss.pixel_weight_power=1: loss is the bare name 'reconstruction' in the recipe; "
                             "write it as a map with that name and its options (e.g. {name: reconstruction}) to set a "
                             "key below it"));
  apply_override(root, parse_override("loss={name: reconstruction, pixel_weight_power: 1}"));
  CHECK(to_untyped_json(root) == json::parse(R"({"loss": {"name": "reconstruction", "pixel_weight_power": 1}})"));
}
