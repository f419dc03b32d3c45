#include "toolkit/recipe/run_identity.h"

#include <catch2/catch.hpp>

#include "tests/recipe/test_components.h"
#include "toolkit/core/canonical_json.h"
#include "toolkit/recipe/study.h"

using namespace jetstudy::recipe;
using nlohmann::json;

namespace {

const std::string kDir = "tests/fixtures/recipes/";

std::string first_hash(const std::string& name, const std::vector<std::string>& overrides = {}) {
  return load_study(kDir + name, overrides, testing::test_components()).runs.at(0).hash;
}

}  // namespace

TEST_CASE("run_identity: the same recipe loaded twice has the same hash") {
  CHECK(first_hash("good_minimal.yaml") == first_hash("good_minimal.yaml"));
  CHECK(first_hash("good_minimal.yaml").size() == 64);
}

TEST_CASE("run_identity: key order, study name and description do not change the hash") {
  CHECK(first_hash("good_minimal.yaml") == first_hash("good_minimal_reordered.yaml"));
}

TEST_CASE("run_identity: device, threads and scheduling keep the hash but seed and physics change it") {
  const std::string reference = first_hash("good_minimal.yaml");
  CHECK(first_hash("good_minimal.yaml", {"train.device=cuda:0"}) == reference);
  CHECK(first_hash("good_minimal.yaml", {"train.threads=2", "run.backend=slurm"}) == reference);
  CHECK(first_hash("good_minimal.yaml", {"expect={auc: {value: 0.9}}"}) == reference);
  CHECK(first_hash("good_minimal.yaml", {"sweep.seeds=[2]"}) != reference);
  CHECK(first_hash("good_minimal.yaml", {"train.epochs=11"}) != reference);
  // Writing a default explicitly is the same run.
  CHECK(first_hash("good_minimal.yaml", {"train.epochs=10", "model.kernel=4"}) == reference);
}

TEST_CASE("run_identity: the identity config drops scheduling keys and keeps the seed") {
  const json config = json::parse(R"({"study": "s", "description": "d", "base": "b.yaml", "run": {}, "expect": {},
    "sweep": {}, "seed": 3, "model": {"arch": "deeptop"}, "train": {"device": "cpu", "threads": 2, "epochs": 5}})");
  CHECK(identity_config(config) == json::parse(R"({"seed": 3, "model": {"arch": "deeptop"}, "train": {"epochs": 5}})"));
  CHECK(run_identity(config) == run_identity(identity_config(config)));
}

TEST_CASE("run_identity: a dataset is identified by data and images only") {
  const Study study = load_study(kDir + "good_sweep.yaml", {}, testing::test_components());
  CHECK(dataset_identity(study.runs[0].config) == dataset_identity(study.runs[11].config));
  const Study bigger = load_study(kDir + "good_sweep.yaml", {"images.size=[37, 37]"}, testing::test_components());
  CHECK(dataset_identity(bigger.runs[0].config) != dataset_identity(study.runs[0].config));
  CHECK(dataset_identity(study.runs[0].config) ==
        jetstudy::core::content_hash(json{{"data", study.config["data"]}, {"images", study.config["images"]}}));
}
