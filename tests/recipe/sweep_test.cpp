#include "toolkit/recipe/sweep.h"

#include <catch2/catch.hpp>

#include <random>
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

namespace {

std::vector<std::string> labels_of(const Study& study) {
  std::vector<std::string> labels;
  for (const auto& run : study.runs) labels.push_back(run.label);
  return labels;
}

}  // namespace

TEST_CASE("sweep: grid x zip x random x seeds is their product, zip lists advancing together and seeds innermost") {
  const Study study = load_fixture("sweep_zip_random.yaml");
  REQUIRE(study.runs.size() == 2 * 2 * 3 * 2);
  // Outermost the grid (model.kernel), then the zip setting, then the random draw, then the seed.
  CHECK(study.runs[0].point["model.kernel"] == 3);
  CHECK(study.runs[12].point["model.kernel"] == 5);
  CHECK(study.runs[0].point["model.filters"] == json::array({8, 8}));
  CHECK(study.runs[0].point["model.dense"] == json::array({32}));
  CHECK(study.runs[6].point["model.filters"] == json::array({16, 16}));
  CHECK(study.runs[6].point["model.dense"] == json::array({64}));
  CHECK(study.runs[0].seed == 1);
  CHECK(study.runs[1].seed == 2);
  CHECK(study.runs[1].label == study.runs[0].label);  // the same variant on the next seed: paired comparisons
  CHECK(study.runs[2].label != study.runs[0].label);  // the next draw
  CHECK(study.runs[6].point["train.optimizer.lr"] == study.runs[0].point["train.optimizer.lr"]);  // same draws again
  CHECK_THAT(study.runs[0].label, Catch::Matchers::StartsWith("model.kernel=3 model.filters=[8,8] model.dense=[32] "
                                                              "train.optimizer.lr="));
  CHECK(study.runs[0].config["model"]["filters"] == json::array({8, 8}));
  CHECK(study.runs[0].config["model"]["padding"] == 1);  // defaults still filled around the swept keys
  std::set<std::string> hashes;
  for (const auto& run : study.runs) hashes.insert(run.hash);
  CHECK(hashes.size() == 24);
  CHECK(study.runs[5].hash == run_identity(study.runs[5].config));
}

TEST_CASE("sweep: random draws follow the sweep seed and are the same on every machine") {
  const Study study = load_fixture("sweep_zip_random.yaml");
  // The draws of seed 7, fixed by std::mt19937_64's standard sequence and our own transforms (rounded to 6
  // significant digits): these numbers must never change, or every stored random run would be planned again.
  CHECK(study.runs[0].label == "model.kernel=3 model.filters=[8,8] model.dense=[32] train.optimizer.lr=0.00322679 "
                               "model.dropout=0.474651 train.batch=110 images.steps=[]");
  CHECK(study.runs[2].label == "model.kernel=3 model.filters=[8,8] model.dense=[32] train.optimizer.lr=0.000191665 "
                               "model.dropout=0.0275466 train.batch=191 images.steps=[]");
  CHECK(study.runs[4].config["images"]["steps"] == json::parse(R"([{"flip": {}}])"));
  CHECK(labels_of(load_fixture("sweep_zip_random.yaml")) == labels_of(study));

  const Study reseeded = load_fixture("sweep_zip_random.yaml", {"sweep.random.seed=8"});
  CHECK(reseeded.runs[0].point["train.optimizer.lr"] != study.runs[0].point["train.optimizer.lr"]);
  for (const auto& run : reseeded.runs) {
    const double lr = run.point["train.optimizer.lr"].get<double>();
    CHECK((lr >= 1e-4 && lr <= 1e-2));
    const double dropout = run.point["model.dropout"].get<double>();
    CHECK((dropout >= 0 && dropout <= 0.5));
    const auto batch = run.point["train.batch"].get<std::int64_t>();
    CHECK((batch >= 32 && batch <= 256));
  }
}

TEST_CASE("sweep: the random transforms use only the standard engine's raw output") {
  std::mt19937_64 engine;  // the standard fixes its 10000th output
  engine.discard(9999);
  CHECK(engine() == 9981545732273789042ull);

  std::mt19937_64 a(7), b(7);
  CHECK(unit_draw(a) == static_cast<double>(b() >> 11) * 0x1.0p-53);
  std::vector<int> counts(3, 0);
  for (int i = 0; i < 3000; ++i) ++counts[static_cast<std::size_t>(integer_draw(a, -1, 1) + 1)];
  for (const int count : counts) CHECK((count > 900 && count < 1100));
  CHECK(integer_draw(a, 5, 5) == 5);
  CHECK(round_significant(0.000316227766016838) == 0.000316228);
  CHECK(round_significant(123456789.0) == 123457000.0);
}

TEST_CASE("sweep: zip lists of unequal lengths are an error at the key, naming both lengths") {
  REQUIRE_THROWS_WITH(load_fixture("bad_sweep_zip.yaml"),
                      Equals(kDir + "bad_sweep_zip.yaml:7:5: sweep.zip: 'model.filters' has 2 values but "
                                    "'model.kernel' has 3; zip advances its lists together, so they need the same length"));
}

TEST_CASE("sweep: unknown zip and random keys name the closest key path, a key swept twice is an error") {
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"sweep={zip: {model.kernal: [3, 5]}}"}),
                      Equals("--set sweep={zip: {model.kernal: [3, 5]}}: sweep.zip: unknown key 'model.kernal'; "
                             "did you mean 'model.kernel'?"));
  REQUIRE_THROWS_WITH(
      load_fixture("good_minimal.yaml", {"sweep={random: {n: 2, params: {train.optimizer.learning: {uniform: [0, 1]}}}}"}),
      Catch::Matchers::EndsWith("sweep.random.params: unknown key 'train.optimizer.learning'; did you mean "
                                "'train.optimizer.lr'?"));
  REQUIRE_THROWS_WITH(
      load_fixture("good_minimal.yaml", {"sweep={grid: {model.kernel: [3]}, zip: {model.kernel: [5]}}"}),
      Catch::Matchers::EndsWith("sweep.zip: 'model.kernel' is already swept by sweep.grid; sweep each key in one place"));
}

TEST_CASE("sweep: an invalid distribution is reported where it is written") {
  REQUIRE_THROWS_WITH(load_fixture("bad_sweep_random.yaml"),
                      Equals(kDir + "bad_sweep_random.yaml:8:42: sweep.random.params.train.optimizer.lr.log_uniform: "
                                    "the lower bound must be > 0 (a log-uniform draw spans log(a) .. log(b)), got 0"));
  const auto random = [](const std::string& distribution) {
    return load_fixture("good_minimal.yaml", {"sweep={random: {n: 2, params: {model.dropout: " + distribution + "}}}"});
  };
  REQUIRE_THROWS_WITH(random("{normal: [0, 1]}"),
                      Catch::Matchers::EndsWith("sweep.random.params.model.dropout: unknown distribution 'normal'; "
                                                "expected uniform, log_uniform, int_uniform or choice"));
  REQUIRE_THROWS_WITH(random("{unifrm: [0, 1]}"), Catch::Matchers::EndsWith("did you mean 'uniform'?"));
  REQUIRE_THROWS_WITH(random("{uniform: [0.5, 0.1]}"),
                      Catch::Matchers::EndsWith("sweep.random.params.model.dropout.uniform: expected [a, b] with a <= b, "
                                                "got [0.5, 0.1]"));
  REQUIRE_THROWS_WITH(random("{int_uniform: [1, 2.5]}"),
                      Catch::Matchers::EndsWith("sweep.random.params.model.dropout.int_uniform: expected integer "
                                                "bounds, got '2.5'"));
  REQUIRE_THROWS_WITH(random("{choice: []}"),
                      Catch::Matchers::EndsWith("expected a non-empty list of values to choose from, got a list of 0"));
  REQUIRE_THROWS_WITH(random("[0, 1]"), Catch::Matchers::Contains("expected one distribution: {uniform: [a, b]}"));
  // Each draw is validated against the schema like a grid value: dropout must be below 1.
  REQUIRE_THROWS_WITH(random("{uniform: [1, 2]}"), Catch::Matchers::Contains("model.dropout: expected a number in [0, 1), got 1."));
}

TEST_CASE("sweep: strategy asha resolves monitor, mode, rungs and keep onto the study") {
  const Study study = load_fixture("sweep_zip_random.yaml");
  REQUIRE(study.asha.has_value());
  CHECK(study.asha->monitor == "val_auc");
  CHECK(study.asha->maximize);
  CHECK(study.asha->rungs == std::vector<int>{1, 3, 9});
  CHECK(study.asha->keep == Approx(1.0 / 3.0));
  CHECK_FALSE(load_fixture("good_sweep.yaml").asha.has_value());

  const Study loss = load_fixture("sweep_zip_random.yaml", {"sweep.monitor=val_loss", "sweep.keep=0.25"});
  CHECK_FALSE(loss.asha->maximize);
  CHECK(loss.asha->keep == 0.25);
  CHECK(load_fixture("sweep_zip_random.yaml", {"sweep.monitor=val_loss", "sweep.mode=max"}).asha->maximize);
  // Without monitor: the early-stopping monitor.
  const Study defaulted = load_fixture("good_minimal.yaml", {"sweep={strategy: asha, rungs: [1, 3]}"});
  CHECK(defaulted.asha->monitor == "val_loss");
  CHECK_FALSE(defaulted.asha->maximize);
  CHECK(defaulted.asha->keep == Approx(1.0 / 3.0));
  CHECK(monitor_maximized("val_sic_max", "auto"));
  CHECK_FALSE(monitor_maximized("val_jsd@0.5", "auto"));
}

TEST_CASE("sweep: bad ASHA settings are errors at the place") {
  const std::string file = kDir + "sweep_zip_random.yaml";
  REQUIRE_THROWS_WITH(load_fixture("sweep_zip_random.yaml", {"sweep.keep=3/2"}),
                      Equals("--set sweep.keep=3/2: sweep.keep: expected a fraction in (0, 1) such as 1/3 or 0.25, got 3/2"));
  REQUIRE_THROWS_WITH(load_fixture("sweep_zip_random.yaml", {"sweep.rungs=[3, 1]"}),
                      Equals("--set sweep.rungs=[3, 1]: sweep.rungs: expected increasing epochs such as [1, 3, 9], got [3,1]"));
  REQUIRE_THROWS_WITH(load_fixture("sweep_zip_random.yaml", {"sweep.rungs=[0, 1]"}),
                      Catch::Matchers::StartsWith("--set sweep.rungs=[0, 1]: sweep.rungs[0]: expected an integer >= 1"));
  REQUIRE_THROWS_WITH(load_fixture("sweep_zip_random.yaml", {"train.epochs=5"}),
                      Equals(file + ":23:10: sweep.rungs: rung 9 is beyond train.epochs (5): no run gets there; use rungs up to 5"));
  REQUIRE_THROWS_WITH(load_fixture("sweep_zip_random.yaml", {"sweep.strategy=grid"}),
                      Equals(file + ":7:3: sweep: monitor is an ASHA setting; add strategy: asha or remove it"));
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"sweep={strategy: asha}"}),
                      Catch::Matchers::EndsWith("sweep: strategy: asha needs rungs: the epochs at which runs are compared, "
                                                "e.g. [1, 3, 9]"));
}
