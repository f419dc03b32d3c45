#include "toolkit/recipe/sweep.h"

#include <catch2/catch.hpp>

#include <set>

#include "tests/recipe/test_components.h"
#include "toolkit/recipe/study.h"

using namespace jetstudy::recipe;
using Catch::Matchers::Equals;
using nlohmann::json;

namespace {
const std::string& kDir = testing::kFixtureDirectory;
}  // namespace
using testing::load_fixture;

TEST_CASE("sweep: a 2 x 2 grid with 3 seeds gives 12 runs in file order, seeds fastest") {
  const Study study = load_fixture("good_sweep.yaml");
  REQUIRE(study.runs.size() == 12);
  CHECK(study.runs[0].label == "model.filters=[8,8,8,8] train.optimizer.lr=0.001");
  CHECK(study.runs[3].label == "model.filters=[8,8,8,8] train.optimizer.lr=0.0003");
  CHECK(study.runs[6].label == "model.filters=[16,16,16,16] train.optimizer.lr=0.001");
  CHECK(study.runs[11].label == "model.filters=[16,16,16,16] train.optimizer.lr=0.0003");
  CHECK(study.runs[11].point == json::parse(R"({"model.filters": [16, 16, 16, 16], "train.optimizer.lr": 0.0003})"));
  std::vector<std::int64_t> seeds;
  for (const auto& run : study.runs) seeds.push_back(run.seed);
  CHECK(seeds == std::vector<std::int64_t>{1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3});

  const RunSpec& run = study.runs[4];
  CHECK(run.config["model"]["filters"] == json::array({8, 8, 8, 8}));
  CHECK(run.config["train"]["optimizer"]["lr"] == 0.0003);
  CHECK(run.config["seed"] == 2);
  CHECK_FALSE(run.config.contains("sweep"));
  CHECK(run.config["train"]["epochs"] == 2);

  std::set<std::string> hashes;
  for (const auto& r : study.runs) hashes.insert(r.hash);
  CHECK(hashes.size() == 12);
}

TEST_CASE("sweep: an unknown grid key is reported at the key with the closest key path") {
  REQUIRE_THROWS_WITH(load_fixture("bad_sweep_key.yaml"),
                      Equals(kDir + "bad_sweep_key.yaml:6:5: sweep.grid: unknown key 'model.filtrs'; "
                                    "did you mean 'model.filters'?"));
}

TEST_CASE("sweep: a bad grid value is reported at its own line and column") {
  REQUIRE_THROWS_WITH(load_fixture("bad_sweep_value.yaml"),
                      Equals(kDir + "bad_sweep_value.yaml:6:23: model.kernel: expected a positive integer, got 0"));
}

TEST_CASE("sweep: an empty grid list is an error") {
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"sweep={grid: {model.kernel: []}}"}),
                      Equals("--set sweep={grid: {model.kernel: []}}: sweep.grid.model.kernel: expected a non-empty "
                             "list, got a list of 0"));
}

TEST_CASE("sweep: seeds alone repeat the recipe, and a grid may leave an optional key out") {
  const Study seeds = load_fixture("good_minimal.yaml", {"sweep.seeds=[7, 8]"});
  REQUIRE(seeds.runs.size() == 2);
  CHECK(seeds.runs[1].seed == 8);
  CHECK(seeds.runs[1].label.empty());
  CHECK(seeds.runs[1].point == json::object());

  const Study kernels = load_fixture("good_minimal.yaml", {"sweep.grid.model.kernel=[3, 5]"});
  REQUIRE(kernels.runs.size() == 2);
  CHECK(kernels.runs[1].label == "model.kernel=5");

  const Study groom = load_fixture("good_minimal.yaml", {"sweep.grid={data.jets.groom: [null, {trim: {R: 0.3}}]}"});
  REQUIRE(groom.runs.size() == 2);
  CHECK_FALSE(groom.runs[0].config["data"]["jets"].contains("groom"));
  CHECK(groom.runs[0].label == "data.jets.groom=null");
  CHECK(groom.runs[1].config["data"]["jets"]["groom"] == json::parse(R"({"trim": {"R": 0.3, "fcut": 0.05}})"));
}
