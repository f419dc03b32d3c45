#include "toolkit/losses/builtin.h"

// LibTorch first: glog's CHECK must not replace Catch2's.
#include "toolkit/losses/disco.h"
#include "toolkit/losses/gan_loss.h"
#include "toolkit/losses/loss.h"
#include "toolkit/losses/pivot.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "toolkit/core/error.h"
#include "toolkit/recipe/schema.h"

using namespace jetstudy;

namespace {

// A recipe's `loss:` block, validated as the study schema does (a map tagged by `name`), defaults filled in.
nlohmann::json validated(const std::string& yaml) {
  return recipe::Schema::tagged("name", losses::loss_schemas(), "loss").validate(YAML::Load(yaml), "recipe.yaml");
}

}  // namespace

TEST_CASE("builtin: every loss of the issue is in the table, each built from its validated defaults") {
  std::vector<std::string> names;
  for (const auto& entry : losses::loss_table()) names.emplace_back(entry.name);
  CHECK(names == std::vector<std::string>{"bce", "cross_entropy", "mse", "disco", "pivot", "reconstruction", "gan"});
  for (const auto& name : names) {
    const auto yaml = (name == "disco" || name == "pivot") ? "{name: " + name + ", lambda: 1}" : name;
    INFO(name);
    const auto loss = losses::make_loss(validated(yaml));
    REQUIRE(loss != nullptr);
    CHECK(!loss->description().empty());
  }
}

TEST_CASE("builtin: decorrelation losses name the observer they need, the others need none") {
  CHECK(losses::make_loss(validated("{name: disco, lambda: 5}"))->observers() == std::vector<std::string>{"mass"});
  CHECK(losses::make_loss(validated("{name: pivot, lambda: 10, observer: tau32}"))->observers() ==
        std::vector<std::string>{"tau32"});
  CHECK(losses::make_loss(validated("bce"))->observers().empty());
  CHECK(losses::make_loss(validated("reconstruction"))->observers().empty());
}

TEST_CASE("builtin: options reach the losses (disco power, pivot adversary, gan flips, mse mode)") {
  const auto disco = losses::make_loss(validated("{name: disco, lambda: 2.5, power: 2}"));
  CHECK(disco->description() ==
        "DisCo (arXiv:2001.05310): BCE + 2.5 * dCorr^4(sigmoid(output), mass) over background jets");

  const auto pivot = losses::make_loss(validated("{name: pivot, lambda: 10, adversary: {kind: binned, bins: 8, "
                                                 "hidden: [16], range: [20, 300]}, adversary_steps: 3}"));
  auto& adversary = dynamic_cast<losses::Pivot&>(*pivot).adversary();
  CHECK(adversary.options().kind() == "binned");
  CHECK(adversary.options().bins() == 8);
  CHECK(adversary.options().range_min() == 20);
  CHECK(adversary.options().range_max() == 300);
  CHECK(pivot->module() == &adversary);
  CHECK(adversary.forward(torch::rand({4})).sizes() == torch::IntArrayRef({4, 8}));

  const auto gan = losses::make_loss(validated("{name: gan, label_flip: 0.05}"));
  CHECK(dynamic_cast<losses::GanLoss&>(*gan).options().label_flip == 0.05);
  CHECK(dynamic_cast<losses::GanLoss&>(*gan).options().aux_weight == 1.0);

  const auto regression = losses::make_loss(validated("{name: mse, on: logits}"));
  CHECK((*regression)({torch::tensor({3.0f}), torch::tensor({1.0f}), {}, {}}).item<double>() == Approx(4.0));
}

TEST_CASE("builtin: bad loss options point at the recipe, an unknown loss suggests the closest name") {
  REQUIRE_THROWS_WITH(validated("{name: disco}"), Catch::Matchers::StartsWith("recipe.yaml:1:1: missing key 'lambda'"));
  REQUIRE_THROWS_WITH(validated("{name: disco, lambda: 1, power: 3}"),
                      Catch::Matchers::StartsWith("recipe.yaml:1:33:"));
  REQUIRE_THROWS_WITH(validated("{name: pivot, lambda: 1, adversary: {range: [400, 0]}}"),
                      Catch::Matchers::Contains("expected [min, max] with min < max, got [400, 0]"));
  REQUIRE_THROWS_WITH(losses::make_loss({{"name", "disko"}}), "unknown loss 'disko'; did you mean 'disco'?");
}
