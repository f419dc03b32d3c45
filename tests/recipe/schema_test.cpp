#include "toolkit/recipe/schema.h"

#include <catch2/catch.hpp>

using namespace jetstudy::recipe;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {

json check(const Schema& schema, const std::string& yaml) { return schema.validate(YAML::Load(yaml), "inline.yaml"); }

const Schema kOptimizer = Schema::tagged(
    "name",
    {{"adam", "Adam", Schema::map({Field::defaulted("lr", Schema::number().greater_than(0), 0.001, "learning rate")})},
     {"sgd", "SGD", Schema::map({Field::defaulted("momentum", Schema::number().min(0), 0.0, "momentum")})}},
    "optimizer", "adam");

}  // namespace

TEST_CASE("schema: integers convert from text and name the bad value") {
  const Schema schema = Schema::map({Field::required("n", Schema::integer(), "")});
  CHECK(check(schema, "n: 4") == json{{"n", 4}});
  REQUIRE_THROWS_WITH(check(schema, "n: 4.5"), Equals("inline.yaml:1:4: n: expected an integer, got '4.5'"));
  REQUIRE_THROWS_WITH(check(schema, "n: abc"), Equals("inline.yaml:1:4: n: expected an integer, got 'abc'"));
  REQUIRE_THROWS_WITH(check(schema, "n: [4]"), Equals("inline.yaml:1:4: n: expected an integer, got a list of 1"));
}

TEST_CASE("schema: numbers accept 1e-3, 1.0e-3 and 3 and are stored as floating point") {
  const Schema schema = Schema::list(Schema::number());
  const json out = check(schema, "[1e-3, 1.0e-3, 3]");
  CHECK(out == json::array({0.001, 0.001, 3.0}));
  CHECK(out[2].is_number_float());
}

TEST_CASE("schema: range checks say what was expected and what was written") {
  const Schema size = Schema::map({Field::required("size", Schema::list(Schema::integer().greater_than(0)).length(2), "")});
  REQUIRE_THROWS_WITH(check(size, "size: [40, -40]"),
                      Equals("inline.yaml:1:12: size[1]: expected a positive integer, got -40"));
  REQUIRE_THROWS_WITH(check(size, "size: [40, 40, 40]"),
                      Equals("inline.yaml:1:7: size: expected a list of 2 values, each a positive integer, got a list of 3"));
  CHECK(Schema::number().min(0).less_than(1).describe() == "a number in [0, 1)");
  CHECK(Schema::number().greater_than(0).less_than(1).describe() == "a number in (0, 1)");
  CHECK(Schema::integer().min(1).describe() == "an integer >= 1");
  CHECK(Schema::number().min(0).describe() == "a non-negative number");
  REQUIRE_THROWS_WITH(check(Schema::number().min(0).less_than(1), "1"),
                      Equals("inline.yaml:1:1: expected a number in [0, 1), got 1"));
}

TEST_CASE("schema: an enumerated name suggests the closest valid one") {
  const Schema algorithm = Schema::one_of({"antikt", "kt", "cambridge"}, "jet algorithm");
  CHECK(check(algorithm, "kt") == "kt");
  REQUIRE_THROWS_WITH(check(algorithm, "antkt"),
                      Equals("inline.yaml:1:1: unknown jet algorithm 'antkt'; did you mean 'antikt'?"));
  REQUIRE_THROWS_WITH(check(algorithm, "siscone"),
                      Equals("inline.yaml:1:1: unknown jet algorithm 'siscone'; expected one of antikt, kt, cambridge"));
}

TEST_CASE("schema: parametrised names take a number after @") {
  const Schema metric = Schema::one_of({"auc", "rejection"}, "metric").parametrised();
  CHECK(check(metric, "rejection@0.3") == "rejection@0.3");
  CHECK(check(metric, "auc") == "auc");
  REQUIRE_THROWS_WITH(check(metric, "rejecton@0.3"),
                      Equals("inline.yaml:1:1: unknown metric 'rejecton'; did you mean 'rejection'?"));
  REQUIRE_THROWS_WITH(check(metric, "rejection@high"),
                      Equals("inline.yaml:1:1: expected a number after '@' in 'rejection@high' (e.g. rejection@0.3)"));
}

TEST_CASE("schema: a string pattern describes what a match looks like") {
  const Schema device = Schema::string().matching("auto|cpu|cuda(:[0-9]+)?", "auto, cpu, cuda or cuda:N");
  CHECK(check(device, "cuda:1") == "cuda:1");
  REQUIRE_THROWS_WITH(check(device, "gpu"), Equals("inline.yaml:1:1: expected auto, cpu, cuda or cuda:N, got 'gpu'"));
}

TEST_CASE("schema: a map rejects unknown keys with the closest name and reports missing keys at the map") {
  const Schema schema = Schema::map({Field::defaulted("train", Schema::map({Field::required("optimizer", kOptimizer, "")}),
                                                     json::object(), "")});
  REQUIRE_THROWS_WITH(check(schema, "train:\n  optimizer: {name: adam, lrr: 0.1}\n"),
                      Equals("inline.yaml:2:27: unknown key 'lrr' in train.optimizer; did you mean 'lr'?"));
  REQUIRE_THROWS_WITH(check(schema, "train:\n  optimizer: {lerning_rate: 0.1}\n"),
                      Equals("inline.yaml:2:15: unknown key 'lerning_rate' in train.optimizer; did you mean 'lr'?"));
  REQUIRE_THROWS_WITH(check(schema, "trian: {}\n"), Equals("inline.yaml:1:1: unknown key 'trian'; did you mean 'train'?"));
  const Schema model = Schema::map({Field::required(
      "model", Schema::tagged("arch", {{"deeptop", "", Schema::map({})}}, "architecture"), "")});
  REQUIRE_THROWS_WITH(check(model, "model:\n  filters: [8]\n"),
                      StartsWith("inline.yaml:2:3: missing key 'arch' in model"));
  REQUIRE_THROWS_WITH(check(model, "other: 1\n"), StartsWith("inline.yaml:1:1: unknown key 'other'"));
  REQUIRE_THROWS_WITH(check(model, "{}"), Equals("inline.yaml:1:1: missing key 'model'"));
}

TEST_CASE("schema: defaults fill in, nested ones included, and a tagged map fills its variant's defaults") {
  const Schema schema = Schema::map({
      Field::defaulted("optimizer", kOptimizer, json{{"name", "adam"}}, ""),
      Field::defaulted("early_stop", Schema::map({Field::defaulted("patience", Schema::integer(), 3, "")}),
                       json::object(), ""),
      Field::optional("groom", Schema::map({}), "absent stays absent"),
  });
  CHECK(check(schema, "{}") == json::parse(R"({"optimizer": {"name": "adam", "lr": 0.001}, "early_stop": {"patience": 3}})"));
  CHECK(check(schema, "optimizer: {lr: 0.01}") ==
        json::parse(R"({"optimizer": {"name": "adam", "lr": 0.01}, "early_stop": {"patience": 3}})"));
  CHECK(check(schema, "optimizer: {name: sgd}\ngroom:\n") ==
        json::parse(R"({"optimizer": {"name": "sgd", "momentum": 0.0}, "early_stop": {"patience": 3}})"));
  REQUIRE_THROWS_WITH(check(schema, "optimizer: {name: sgd, lr: 0.1}"),
                      Equals("inline.yaml:1:24: unknown key 'lr' in optimizer"));
  REQUIRE_THROWS_WITH(check(schema, "optimizer: {name: adan}"),
                      Equals("inline.yaml:1:19: optimizer.name: unknown optimizer 'adan'; did you mean 'adam'?"));
}

TEST_CASE("schema: any_of takes the first alternative that fits and names all of them otherwise") {
  const Schema threads = Schema::any_of({Schema::integer().min(1), Schema::one_of({"auto"})});
  CHECK(check(threads, "auto") == "auto");
  CHECK(check(threads, "4") == 4);
  REQUIRE_THROWS_WITH(check(threads, "four"), Equals("inline.yaml:1:1: expected an integer >= 1 or 'auto', got 'four'"));
  REQUIRE_THROWS_WITH(check(threads, "0"), Equals("inline.yaml:1:1: expected an integer >= 1 or 'auto', got '0'"));
}

TEST_CASE("schema: steps are bare names or single-key maps, normalised with their defaults") {
  const Schema steps = Schema::steps(
      {{"center", "", Schema::map({Field::defaulted("on", Schema::one_of({"leading_subjet", "jet_axis"}), "leading_subjet", "")})},
       {"flip", "", Schema::map({})}},
      "image step");
  CHECK(check(steps, "[center: {on: jet_axis}, flip, center]") ==
        json::parse(R"([{"center": {"on": "jet_axis"}}, {"flip": {}}, {"center": {"on": "leading_subjet"}}])"));
  CHECK(check(steps, "- center:\n- flip\n") == json::parse(R"([{"center": {"on": "leading_subjet"}}, {"flip": {}}])"));
  REQUIRE_THROWS_WITH(check(steps, "[center, flp]"),
                      Equals("inline.yaml:1:10: [1]: unknown image step 'flp'; did you mean 'flip'?"));
  REQUIRE_THROWS_WITH(check(steps, "[{center: {}, flip: {}}]"), StartsWith("inline.yaml:1:2: [0]: expected an image step name"));
}

TEST_CASE("schema: a free map checks every value, and its keys when asked") {
  const Schema expect = Schema::free_map(Schema::map({Field::required("value", Schema::number(), "")}))
                            .keys(Schema::one_of({"auc", "rejection"}, "metric").parametrised());
  CHECK(check(expect, "{auc: {value: 0.98}, rejection@0.3: {value: 900}}") ==
        json::parse(R"({"auc": {"value": 0.98}, "rejection@0.3": {"value": 900.0}})"));
  REQUIRE_THROWS_WITH(check(expect, "{acu: {value: 0.98}}"), Equals("inline.yaml:1:2: unknown metric 'acu'; did you mean 'auc'?"));
  REQUIRE_THROWS_WITH(check(expect, "{auc: {value: high}}"), Equals("inline.yaml:1:15: auc.value: expected a number, got 'high'"));
}

TEST_CASE("schema: an extra check reports at the value it checks") {
  const Schema window = Schema::list(Schema::number()).length(2).satisfying([](const json& w) -> std::optional<std::string> {
    if (w[0] < w[1]) return std::nullopt;
    return "expected [min, max] with min < max";
  });
  REQUIRE_THROWS_WITH(check(Schema::map({Field::required("pt", window, "")}), "pt: [450, 350]"),
                      Equals("inline.yaml:1:5: pt: expected [min, max] with min < max"));
}

TEST_CASE("schema: a tagged variant's own check across its keys reports at the map") {
  const Schema pair = Schema::map({Field::optional("signal", Schema::string(), ""),
                                   Field::optional("background", Schema::string(), "")})
                          .satisfying([](const json& source) -> std::optional<std::string> {
                            if (source.contains("signal") == source.contains("background")) return std::nullopt;
                            return "give signal and background together";
                          });
  const Schema source = Schema::tagged("kind", {{"generator", "", pair}}, "source");
  CHECK(check(source, "{kind: generator, signal: top, background: qcd}")["signal"] == "top");
  REQUIRE_THROWS_WITH(check(source, "{kind: generator, signal: top}"),
                      Equals("inline.yaml:1:1: give signal and background together"));
}

TEST_CASE("schema: key paths list every key a sweep may name, following the chosen variant") {
  const Schema schema = Schema::map({Field::defaulted("optimizer", kOptimizer, json{{"name", "adam"}}, ""),
                                     Field::defaulted("epochs", Schema::integer(), 10, "")});
  CHECK(schema.key_paths(json{{"optimizer", {{"name", "sgd"}}}}) ==
        std::vector<std::string>{"optimizer", "optimizer.name", "optimizer.momentum", "epochs"});
  CHECK(schema.key_paths() ==
        std::vector<std::string>{"optimizer", "optimizer.name", "optimizer.lr", "optimizer.momentum", "epochs"});
}
