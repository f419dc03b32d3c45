// The catalogue of bad recipes (tests/fixtures/recipes/bad_*.yaml) through `jetstudy validate` with the real
// component tables: each exits 2 and its message starts with the exact file:line:col of the mistake.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/e2e/command.h"

using jetstudy::e2e::run_jetstudy;

namespace {

struct BadRecipe {
  const char* file;
  const char* message_start;  // after "tests/fixtures/recipes/"
};

const BadRecipe kBadRecipes[] = {
    {"bad_unknown_key.yaml", "bad_unknown_key.yaml:5:27: unknown key 'lrr' in train.optimizer; did you mean 'lr'?"},
    {"bad_arch.yaml", "bad_arch.yaml:4:9: model.arch: unknown architecture 'deeptp'; did you mean 'deeptop'?"},
    {"bad_type.yaml", "bad_type.yaml:5:11: train.epochs: expected a positive integer, got '4.5'"},
    {"bad_negative_size.yaml", "bad_negative_size.yaml:4:14: images.size[1]: expected a positive integer, got -40"},
    {"bad_missing_base.yaml", "bad_missing_base.yaml:2:7: base file '"},
    {"bad_syntax.yaml", "bad_syntax.yaml:3:38: YAML syntax error"},
    {"bad_duplicate_key.yaml", "bad_duplicate_key.yaml:4:1: duplicate key 'model'"},
    {"bad_split.yaml", "bad_split.yaml:4:10: data.split: train + val + test must sum to 1"},
    {"bad_missing_arch.yaml", "bad_missing_arch.yaml:4:3: missing key 'arch' in model"},
    {"bad_sweep_key.yaml", "bad_sweep_key.yaml:6:5: sweep.grid: unknown key 'model.filtrs'"},
    {"bad_sweep_value.yaml", "bad_sweep_value.yaml:6:23: model.kernel: expected a positive integer, got 0"},
    {"bad_in_base.yaml", "bases/bad_jets.yaml:4:13: data.jets.R: expected a positive number, got -1.0"},
};

}  // namespace

TEST_CASE("bad recipes: each exits 2 with the exact file:line:col of the mistake") {
  for (const auto& bad : kBadRecipes) {
    const auto result = run_jetstudy(std::string("validate tests/fixtures/recipes/") + bad.file);
    INFO(bad.file << " printed: " << result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Matchers::StartsWith(std::string("tests/fixtures/recipes/") + bad.message_start));
  }
}

TEST_CASE("bad recipes: nothing is written for a recipe that does not validate") {
  const auto results = jetstudy::e2e::fresh_results_directory("bad-recipe");
  const auto result = run_jetstudy("run tests/fixtures/recipes/bad_arch.yaml --results " + results);
  CHECK(result.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(results));
}
