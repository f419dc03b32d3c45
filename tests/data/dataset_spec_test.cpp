#include "toolkit/data/dataset_spec.h"

#include <catch2/catch.hpp>

#include "tests/data/small_config.h"
#include "toolkit/core/canonical_json.h"

using namespace jetstudy::data;
using jetstudy::data::testing::small_config;

TEST_CASE("dataset_spec: the data block becomes generator, jet, selection and split settings") {
  const auto spec = dataset_spec_from_json(small_config(201));
  const auto& source = std::get<GeneratorSource>(spec.source);
  REQUIRE(source.signal == jetstudy::events::generator::Process::top);
  REQUIRE(source.background == jetstudy::events::generator::Process::qcd);
  REQUIRE(source.signal_jets() == 101);
  REQUIRE(source.background_jets() == 100);
  REQUIRE(source.pt_min_gev == 350);
  REQUIRE_FALSE(spec.split.by_source);
  REQUIRE_FALSE(spec.balance);
  REQUIRE_FALSE(spec.reweight.has_value());
  REQUIRE(spec.jets.R == 1.5);
  REQUIRE(spec.jets.trim.has_value());
  REQUIRE(spec.jets.trim->fcut == 0.05);
  REQUIRE(spec.select.description() == "pt [300, 500] GeV, mass [0, 300] GeV");
  REQUIRE(spec.split.val == 0.1);
  REQUIRE(spec.observers == std::vector<std::string>{"mass", "pt"});
  REQUIRE(spec.images.eta_pixels == 12);
  REQUIRE(spec.hash == jetstudy::core::content_hash(
                           {{"data", small_config(201)["data"]}, {"images", small_config(201)["images"]}}));
}

TEST_CASE("dataset_spec: a different image step gives a different hash, the same config the same hash") {
  const auto subjet = dataset_spec_from_json(small_config(200, "leading_subjet"));
  const auto axis = dataset_spec_from_json(small_config(200, "jet_axis"));
  REQUIRE(subjet.hash != axis.hash);
  REQUIRE(subjet.hash == dataset_spec_from_json(small_config(200, "leading_subjet")).hash);
  REQUIRE(subjet.hash.size() == 64);
}

TEST_CASE("dataset_spec: keys outside data and images do not change the dataset hash") {
  auto config = small_config();
  const auto before = dataset_spec_from_json(config).hash;
  config["model"] = {{"arch", "deeptop"}};
  config["train"] = {{"epochs", 3}};
  REQUIRE(dataset_spec_from_json(config).hash == before);
}

TEST_CASE("dataset_spec: bad blocks are refused naming the key and the fix") {
  auto config = small_config();
  config["data"]["observers"] = {"mass", "mas"};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(config), Catch::Matchers::Contains("unknown observer 'mas'") &&
                                                           Catch::Matchers::Contains("did you mean 'mass'?"));
  config = small_config();
  config["data"]["split"] = {{"train", 0.8}, {"val", 0.1}, {"test", 0.2}};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(config), Catch::Matchers::Contains("data.split") &&
                                                           Catch::Matchers::Contains("sum to 1"));
  config = small_config();
  config["data"]["select"]["mas"] = {0, 300};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(config), Catch::Matchers::Contains("did you mean 'mass'?"));
  config = small_config();
  config["data"]["jets"]["groom"] = {{"prun", {{"zcut", 0.1}}}};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(config), Catch::Matchers::Contains("unknown groomer 'prun'") &&
                                                           Catch::Matchers::Contains("did you mean 'prune'?"));
  config = small_config();
  config["data"]["source"]["pt"] = {450, 350};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(config), Catch::Matchers::Contains("data.source.pt"));
}

TEST_CASE("selection: closed windows on pt, mass and eta of the leading jet") {
  const auto select = selection_from_json({{"pt", {350, 450}}, {"eta", {-2, 2}}});
  jetstudy::jets::Jet jet;
  jet.pt = 350;
  jet.m = 1000;  // no mass window: anything goes
  jet.eta = 1.9;
  REQUIRE(select.passes(jet));
  jet.pt = 450.5;
  REQUIRE_FALSE(select.passes(jet));
  jet.pt = 400;
  jet.eta = -2.1;
  REQUIRE_FALSE(select.passes(jet));
  REQUIRE(selection_from_json(nullptr).description() == "none");
  REQUIRE_THROWS_WITH(selection_from_json({{"pt", {450, 350}}}), Catch::Matchers::Contains("min <= max"));
}
