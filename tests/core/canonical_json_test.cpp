#include "toolkit/core/canonical_json.h"

#include <catch2/catch.hpp>

using jetstudy::core::canonical_json;
using jetstudy::core::content_hash;

TEST_CASE("canonical_json: key order and whitespace do not change the text or the hash") {
  const auto a = nlohmann::json::parse(R"({"model": {"kernel": 4, "arch": "deeptop"}, "lr": 0.001})");
  const auto b = nlohmann::json::parse(R"({ "lr": 1e-3,
                                            "model": {"arch": "deeptop", "kernel": 4} })");
  CHECK(canonical_json(a) == R"({"lr":0.001,"model":{"arch":"deeptop","kernel":4}})");
  CHECK(content_hash(a) == content_hash(b));
}

TEST_CASE("canonical_json: a changed value changes the hash") {
  const auto a = nlohmann::json::parse(R"({"lr": 0.001})");
  const auto b = nlohmann::json::parse(R"({"lr": 0.0003})");
  CHECK(content_hash(a) != content_hash(b));
  CHECK(content_hash(a).size() == 64);
}
