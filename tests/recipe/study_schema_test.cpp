#include "toolkit/recipe/study_schema.h"

#include <catch2/catch.hpp>

#include "tests/recipe/test_components.h"
#include "toolkit/recipe/study.h"

using namespace jetstudy::recipe;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {
const std::string& kDir = testing::kFixtureDirectory;
}  // namespace
using testing::load_fixture;

TEST_CASE("study_schema: a minimal recipe gets every default filled in") {
  const Study study = load_fixture("good_minimal.yaml");
  CHECK(study.name == "minimal");
  const json expected = json::parse(R"({
    "study": "minimal",
    "experiment": {"kind": "classify"},
    "data": {
      "source": {"kind": "generator", "signal": "top", "background": "qcd", "jets": 1000, "pt": [350.0, 450.0],
                 "pileup": 0.0, "quark_fraction": 0.5, "seed": 1},
      "jets": {"algorithm": "antikt", "R": 1.0, "ptmin": 0.0},
      "select": {},
      "split": {"train": 0.8, "val": 0.1, "test": 0.1},
      "observers": ["mass", "pt", "tau21", "tau32", "nconst"]
    },
    "images": {"size": [40, 40], "extent": [[-1.6, 1.6], [-1.6, 1.6]], "channels": ["pt"], "intensity": "pt",
               "steps": []},
    "model": {"arch": "deeptop", "filters": [8, 8, 8, 8], "kernel": 4, "padding": 1, "pool_after": [2], "pool": 2,
              "dense": [64, 64, 64], "dropout": 0.0},
    "loss": {"name": "bce"},
    "train": {"optimizer": {"name": "adam", "lr": 0.001, "weight_decay": 0.0}, "batch": 128, "epochs": 10,
              "early_stop": {"monitor": "val_loss", "mode": "auto", "patience": 3, "min_delta": 0.0}, "device": "auto", "threads": "auto"},
    "evaluate": ["auc", "rejection@0.3", "rejection@0.5"],
    "run": {"backend": "local", "jobs": "auto", "retries": 1, "slots": "auto", "threads": "auto"}
  })");
  CHECK(study.config == expected);
  CHECK(study.run == json::parse(R"({"backend": "local", "jobs": "auto", "retries": 1, "slots": "auto", "threads": "auto"})"));
  CHECK(study.expect == json::object());
  REQUIRE(study.runs.size() == 1);
  CHECK(study.runs[0].seed == 1);
  CHECK(study.runs[0].label.empty());
}

TEST_CASE("study_schema: a misspelt architecture names file, line, column and the closest name") {
  REQUIRE_THROWS_WITH(load_fixture("bad_arch.yaml"),
                      Equals(kDir + "bad_arch.yaml:4:9: model.arch: unknown architecture 'deeptp'; did you mean 'deeptop'?"));
}

TEST_CASE("study_schema: an unknown key names the map it is in and the closest key") {
  REQUIRE_THROWS_WITH(load_fixture("bad_unknown_key.yaml"),
                      Equals(kDir + "bad_unknown_key.yaml:5:27: unknown key 'lrr' in train.optimizer; did you mean 'lr'?"));
}

TEST_CASE("study_schema: a wrong type and a negative size say what was expected") {
  REQUIRE_THROWS_WITH(load_fixture("bad_type.yaml"),
                      Equals(kDir + "bad_type.yaml:5:11: train.epochs: expected a positive integer, got '4.5'"));
  REQUIRE_THROWS_WITH(load_fixture("bad_negative_size.yaml"),
                      Equals(kDir + "bad_negative_size.yaml:4:14: images.size[1]: expected a positive integer, got -40"));
}

TEST_CASE("study_schema: a split that does not sum to 1 is reported at the split") {
  REQUIRE_THROWS_WITH(load_fixture("bad_split.yaml"),
                      Equals(kDir + "bad_split.yaml:4:10: data.split: train + val + test must sum to 1, got 0.9 "
                                    "(0.7 + 0.1 + 0.1)"));
}

TEST_CASE("study_schema: a missing architecture is reported at the model map") {
  REQUIRE_THROWS_WITH(load_fixture("bad_missing_arch.yaml"),
                      StartsWith(kDir + "bad_missing_arch.yaml:4:3: missing key 'arch' in model (the architecture: "
                                        "one of deeptop)"));
}

TEST_CASE("study_schema: an error inherited from a base names the base file") {
  REQUIRE_THROWS_WITH(load_fixture("bad_in_base.yaml"),
                      Equals(kDir + "bases/bad_jets.yaml:4:13: data.jets.R: expected a positive number, got -1.0"));
}

TEST_CASE("study_schema: a --set of an unknown key names the override and the closest key") {
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"model.filtrs=[8,8]"}),
                      Equals("--set model.filtrs=[8,8]: unknown key 'filtrs' in model; did you mean 'filters'?"));
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"model.arch=resnxt"}),
                      StartsWith("--set model.arch=resnxt: model.arch: unknown architecture 'resnxt'"));
}

TEST_CASE("study_schema: base inheritance and --set give the merged, validated recipe") {
  const Study study = load_fixture("good_with_base.yaml", {"train.epochs=3"});
  CHECK(study.name == "with-base");
  CHECK(study.config["base"] == "bases/toptag_generator.yaml");
  CHECK(study.config["data"]["jets"] ==
        json::parse(R"({"algorithm": "antikt", "R": 0.8, "ptmin": 0.0, "groom": {"trim": {"R": 0.2, "fcut": 0.05}}})"));
  CHECK(study.config["data"]["select"] == json::parse(R"({"pt": [350.0, 450.0], "mass": [0.0, 300.0]})"));
  CHECK(study.config["images"]["size"] == json::array({37, 37}));
  CHECK(study.config["model"]["filters"] == json::array({16, 16}));
  CHECK(study.config["model"]["kernel"] == 3);
  CHECK(study.config["model"]["dense"] == json::array({64, 64, 64}));
  CHECK(study.config["train"]["epochs"] == 3);
}

TEST_CASE("study_schema: image steps, metrics and expectations are normalised") {
  const Study study = load_fixture("good_sweep.yaml");
  CHECK(study.config["images"]["steps"] == json::parse(R"([{"center": {"on": "pt_centroid"}}, {"flip": {}}])"));
  CHECK(study.expect == json::parse(R"({"auc": {"value": 0.98, "tolerance": 0.01},
                                        "rejection@0.3": {"value": 900.0, "tolerance": 0.0}})"));
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"evaluate=[auc, sic_mx]"}),
                      Equals("--set evaluate=[auc, sic_mx]: evaluate[1]: unknown metric 'sic_mx'; did you mean 'sic_max'?"));
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"train.device=gpu"}),
                      Equals("--set train.device=gpu: train.device: expected auto, cpu, cuda or cuda:N, got 'gpu'"));
  CHECK(load_fixture("good_minimal.yaml", {"train.threads=4"}).config["train"]["threads"] == 4);
}

TEST_CASE("study_schema: an expect entry may name the dataset its published figure was measured on") {
  const Study study = load_fixture(
      "good_minimal.yaml", {"expect={auc: {value: 0.9814, dataset: 'top-tagging reference dataset, test set'}}"});
  CHECK(study.expect == json::parse(R"({"auc": {"value": 0.9814, "tolerance": 0.0,
                                                "dataset": "top-tagging reference dataset, test set"}})"));
  CHECK_THROWS_WITH(load_fixture("good_minimal.yaml", {"expect={auc: {value: 0.98, dataset: [a, b]}}"}),
                    Contains("expect.auc.dataset"));
}

TEST_CASE("study_schema: each groomer gets its defaults, only one groomer at a time, observers from the components") {
  CHECK(load_fixture("good_minimal.yaml", {"data.jets.groom={soft_drop: {beta: 1}}"}).config["data"]["jets"]["groom"] ==
        json::parse(R"({"soft_drop": {"beta": 1.0, "zcut": 0.1}})"));
  CHECK(load_fixture("good_minimal.yaml", {"data.jets.groom={mmdt: {}}"}).config["data"]["jets"]["groom"] ==
        json::parse(R"({"mmdt": {"zcut": 0.1, "mu": 1.0}})"));
  CHECK(load_fixture("good_minimal.yaml", {"data.jets.groom={prune: {zcut: 0.2}}"}).config["data"]["jets"]["groom"] ==
        json::parse(R"({"prune": {"zcut": 0.2, "rcut_factor": 0.5}})"));
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"data.jets.groom={trim: {}, mmdt: {}}"}),
                      Contains("data.jets.groom: choose one groomer, got 2 (mmdt, trim)"));
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"data.jets.groom={sofdrop: {}}"}),
                      Contains("did you mean 'soft_drop'?"));
  CHECK(load_fixture("good_minimal.yaml", {"data.observers=[mass, tau21, nconst]"}).config["data"]["observers"] ==
        json::array({"mass", "tau21", "nconst"}));
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"data.observers=[tau12]"}),
                      Contains("unknown observer 'tau12'; did you mean"));
}

TEST_CASE("study_schema: a bare name stands for the variant with its default options") {
  const Study bare = load_fixture("good_minimal.yaml", {"loss=bce", "experiment=classify"});
  CHECK(bare.config.at("loss") == json::parse(R"({"name": "bce"})"));
  CHECK(bare.config.at("experiment") == json::parse(R"({"kind": "classify"})"));
  REQUIRE_THROWS_WITH(load_fixture("good_minimal.yaml", {"loss=bc"}), Catch::Matchers::Contains("unknown loss 'bc'"));
}
