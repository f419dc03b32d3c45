// `jetstudy import-scores` through the real binary: an external tagger's CSV enters a study as a done run; bad
// scores files exit 2 naming the file.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/command.h"

using namespace jetstudy::e2e;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// The cache file `dataset build` printed (the line that is only a path).
std::string built_dataset_file(const std::string& results) {
  const auto built = run_jetstudy("dataset build tests/e2e/recipes/tiny.yaml --results " + results);
  std::istringstream lines(built.output);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(results + "/cache/", 0) == 0) return line;
  return "";
}

void write_scores(const std::string& path, long count) {
  std::ofstream file(path);
  file << "jet,p_top\n";
  for (long i = 0; i < count; ++i) file << i << "," << (i % 7) / 7.0 << "\n";
}

}  // namespace

TEST_CASE("import-scores: a CSV column aligned with the test split becomes a done run of the study, by recipe or hash") {
  const auto results = fresh_results_directory("import");
  const auto file = built_dataset_file(results);
  REQUIRE(!file.empty());
  const auto summary = nlohmann::json::parse(run_jetstudy("dataset inspect " + file + " --json").output);
  const long test_jets = summary["splits"]["test"]["jets"].get<long>();
  const auto hash = std::filesystem::path(file).stem().string();
  const auto scores = results + "/external.csv";
  write_scores(scores, test_jets);

  const auto by_recipe = run_jetstudy("import-scores --study taggers --tagger 'other BDT' --dataset "
                                      "tests/e2e/recipes/tiny.yaml --column p_top " + scores + " --results " + results);
  CHECK(by_recipe.exit_code == 0);
  CHECK_THAT(by_recipe.output, Contains("imported other BDT as run ") && Contains(" in study taggers (dataset " +
                                        hash.substr(0, 12) + ", " + std::to_string(test_jets) + " test jets): auc "));
  // tiny.yaml evaluates auc and two rejections; a dataset named by hash gets the default list with sic_max.
  const auto by_hash = run_jetstudy("import-scores --study taggers --tagger 'same, by hash' --dataset " +
                                    hash.substr(0, 10) + " --key p_top " + scores + " --results " + results);
  CHECK(by_hash.exit_code == 0);
  CHECK_THAT(by_hash.output, Contains("accuracy ") && Contains(" sic_max "));

  const auto status = run_jetstudy("status taggers --results " + results);
  CHECK_THAT(status.output, Contains("taggers: 2 runs: 2 done"));
}

TEST_CASE("import-scores: a wrong count, a missing file and an integer NPY exit 2 naming the file") {
  const auto results = fresh_results_directory("import-bad");
  const auto file = built_dataset_file(results);
  REQUIRE(!file.empty());
  const auto hash = std::filesystem::path(file).stem().string();
  const auto too_many = results + "/too_many.csv";
  write_scores(too_many, 1000);
  const auto wrong = run_jetstudy("import-scores --study s --tagger t --dataset " + hash + " --column p_top " +
                                  too_many + " --results " + results);
  CHECK(wrong.exit_code == 2);
  CHECK_THAT(wrong.output, StartsWith(too_many + ": 1000 scores, but the test split of dataset " + hash.substr(0, 12)));

  const auto missing = run_jetstudy("import-scores --study s --tagger t --dataset " + hash + " " + results +
                                    "/nope.npy --results " + results);
  CHECK(missing.exit_code == 2);
  CHECK(missing.output == results + "/nope.npy: scores file not found\n");

  const auto integers = results + "/labels.npy";
  {
    std::string header = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }";
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::ofstream npy(integers, std::ios::binary);
    npy << "\x93NUMPY" << '\x01' << '\x00' << static_cast<char>(header.size()) << '\x00' << header;
    const long long values[2] = {1, 0};
    npy.write(reinterpret_cast<const char*>(values), sizeof values);
  }
  const auto unsupported = run_jetstudy("import-scores --study s --tagger t --dataset " + hash + " " + integers +
                                        " --results " + results);
  CHECK(unsupported.exit_code == 2);
  CHECK_THAT(unsupported.output, StartsWith(integers + ": NPY dtype '<i8' is not supported"));
}
