#include "toolkit/images/step_schemas.h"

#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include "toolkit/core/error.h"
#include "toolkit/images/image_builder.h"
#include "toolkit/images/step_table.h"

using namespace jetstudy::images;
using jetstudy::recipe::Schema;

TEST_CASE("step_schemas: every step in the table has a schema and every schema a step") {
  std::vector<std::string> schema_names;
  for (const auto& schema : image_step_schemas()) schema_names.push_back(schema.name);
  REQUIRE(schema_names == step_names());
}

TEST_CASE("step_schemas: a validated steps list with defaults filled builds the spec the recipe asked for") {
  const auto steps = Schema::steps(image_step_schemas(), "image step")
                         .validate(YAML::Load("- center: {on: pt_centroid}\n"
                                              "- rotate\n"
                                              "- flip\n"
                                              "- zoom: {reference_pt: 400}\n"
                                              "- rotate: {to: second_subjet, when: after}\n"
                                              "- crop: {size: [32, 32]}\n"
                                              "- normalize: {norm: l2}\n"),
                                   "steps.yaml");
  REQUIRE(steps[1] == nlohmann::json{{"rotate", {{"to", "principal_axis"}, {"when", "before"}}}});
  REQUIRE(steps[2] == nlohmann::json{{"flip", {{"eta", false}}}});
  const ImageBuilder builder(image_spec_from_json({{"steps", steps}}));
  REQUIRE(builder.spec().constituent_steps.size() == 4);
  REQUIRE(builder.spec().image_steps.size() == 3);
  REQUIRE(builder.height() == 32);
  REQUIRE(builder.description() ==
          "40x40 pt image over eta [-1.6, 1.6] x phi [-1.6, 1.6]; steps: center on pt_centroid, rotate principal_axis "
          "to +eta before pixelisation, flip more pT to +phi, zoom by pT / 400 GeV, rotate second_subjet to +eta "
          "after pixelisation (bilinear), crop to the central 32x32, normalize l2");
}

TEST_CASE("step_schemas: a misspelt option value points at its line and suggests the right one") {
  const auto steps = Schema::steps(image_step_schemas(), "image step");
  REQUIRE_THROWS_WITH(steps.validate(YAML::Load("- center\n- rotate: {when: afterwards}\n"), "steps.yaml"),
                      Catch::Matchers::StartsWith("steps.yaml:2:"));
  REQUIRE_THROWS_AS(steps.validate(YAML::Load("- crop\n"), "steps.yaml"), jetstudy::core::RecipeError);
}

TEST_CASE("step_schemas: channel entries and intensity validate as names or maps") {
  const auto channels = Schema::list(image_channel_schema());
  const auto value = channels.validate(
      YAML::Load("[pt, {name: jet_charge, kappa: 0.3}, {name: charged_pt, size: [80, 80], upsample: bilinear}]"),
      "channels.yaml");
  const auto spec = image_spec_from_json({{"channels", value}});
  REQUIRE(spec.channels.size() == 3);
  REQUIRE(spec.channels[1].kappa == 0.3);
  REQUIRE(spec.channels[2].eta_pixels == 80);
  REQUIRE(spec.channels[2].upsample == Upsample::bilinear);
  REQUIRE_THROWS_AS(image_intensity_schema().validate(YAML::Load("E"), "x.yaml"), jetstudy::core::RecipeError);
}
