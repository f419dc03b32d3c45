// The recipe schema's parts for the dataset features: images.event and data.downsample, with their defaults
// filled in and their mistakes reported at file:line:col (validated with the recipe tests' component table).
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include "tests/recipe/test_components.h"
#include "toolkit/core/error.h"
#include "toolkit/recipe/study_schema.h"

using namespace jetstudy::recipe;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {

json validate(const std::string& extra_data, const std::string& images) {
  const std::string text = "study: s\n"
                           "data:\n"
                           "  source: {kind: generator, signal: top, background: qcd, jets: 100, pt: [350, 450]}\n" +
                           extra_data + images + "model: {arch: deeptop}\n";
  return study_schema(testing::test_components()).validate(YAML::Load(text), "recipe.yaml");
}

}  // namespace

TEST_CASE("recipe blocks: images.event and data.downsample get their defaults, and are absent unless written") {
  const json plain = validate("", "");
  CHECK_FALSE(plain["images"].contains("event"));
  CHECK_FALSE(plain["data"].contains("downsample"));
  const json filled = validate("  downsample: {}\n", "images:\n  event: {}\n");
  CHECK(filled["data"]["downsample"] == json::parse(R"({"in": "mass", "bins": 20, "seed": 1})"));
  CHECK(filled["images"]["event"] ==
        json::parse(R"({"size": [50, 64], "extent": [[-2.5, 2.5], [-3.1416, 3.1416]], "channels": ["pt"]})"));
}

TEST_CASE("recipe blocks: a bad event size or an unknown down-sampling observer names file, line and key") {
  REQUIRE_THROWS_WITH(validate("", "images:\n  event: {size: [50, -4]}\n"),
                      StartsWith("recipe.yaml:5:") && Contains("images.event.size[1]"));
  REQUIRE_THROWS_WITH(validate("  downsample: {in: mas}\n", ""),
                      StartsWith("recipe.yaml:4:") && Contains("data.downsample.in") && Contains("did you mean 'mass'"));
}
