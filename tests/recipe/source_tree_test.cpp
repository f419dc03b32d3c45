#include "toolkit/recipe/source_tree.h"

#include <catch2/catch.hpp>

using namespace jetstudy::recipe;
using Catch::Matchers::Equals;

TEST_CASE("source_tree: every node carries its file and 1-based line and column") {
  const SourceNode root = from_yaml(YAML::Load("a: 1\nb:\n  c: [x, 'y']\n"), "f.yaml");
  const SourceNode* c = root.find("b")->find("c");
  REQUIRE(c);
  CHECK(c->key_where.to_string() == "f.yaml:3:3");
  CHECK(c->where.to_string() == "f.yaml:3:6");
  CHECK(c->children[1].where.to_string() == "f.yaml:3:10");
  CHECK_FALSE(c->children[0].quoted);
  CHECK(c->children[1].quoted);
  CHECK(to_untyped_json(root) == nlohmann::json::parse(R"({"a": 1, "b": {"c": ["x", "y"]}})"));
}

TEST_CASE("source_tree: a duplicate key is reported at its second occurrence") {
  REQUIRE_THROWS_WITH(from_yaml(YAML::Load("a: 1\nb: 2\na: 3\n"), "f.yaml"), Equals("f.yaml:3:1: duplicate key 'a'"));
  REQUIRE_THROWS_WITH(from_yaml(YAML::Load("m:\n  x: 1\n  x: 2\n"), "f.yaml"), Equals("f.yaml:3:3: duplicate key 'x'"));
}

TEST_CASE("source_tree: an empty value is located at its key") {
  const SourceNode root = from_yaml(YAML::Load("a:\nb: 1\n"), "f.yaml");
  CHECK(root.find("a")->is_null());
  CHECK(root.find("a")->where.to_string() == "f.yaml:1:1");
}

TEST_CASE("source_tree: merging overrides map keys recursively, replaces lists, and keeps each origin") {
  SourceNode base = from_yaml(YAML::Load("a: {x: 1, y: [1, 2]}\nb: 1\n"), "base.yaml");
  const SourceNode child = from_yaml(YAML::Load("a: {y: [3]}\nc: 2\n"), "child.yaml");
  merge_into(base, child);
  CHECK(to_untyped_json(base) == nlohmann::json::parse(R"({"a": {"x": 1, "y": [3]}, "b": 1, "c": 2})"));
  CHECK(base.find("a")->find("x")->where.file == "base.yaml");
  CHECK(base.find("a")->find("y")->where.file == "child.yaml");
  CHECK(base.find("c")->key_where.to_string() == "child.yaml:2:1");
}

TEST_CASE("source_tree: JSON defaults become a tree located at one place") {
  const SourceNode node = from_json(nlohmann::json::parse(R"({"lr": 0.001, "name": "adam", "f": [8, 8]})"),
                                    {"r.yaml", 3, 5});
  CHECK(node.find("lr")->scalar == "0.001");
  CHECK(node.find("name")->quoted);
  CHECK(node.find("f")->children[1].where.to_string() == "r.yaml:3:5");
  CHECK(to_untyped_json(node) == nlohmann::json::parse(R"({"lr": 0.001, "name": "adam", "f": [8, 8]})"));
}
