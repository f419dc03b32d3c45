// `jetstudy dataset build` and `jetstudy dataset inspect`, through the real binary.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <nlohmann/json.hpp>

#include "tests/e2e/command.h"

using namespace jetstudy::e2e;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

TEST_CASE("dataset commands: build prints the cache file, inspect --json gives counts, balance and quantiles") {
  const auto results = fresh_results_directory("dataset");
  const auto built = run_jetstudy("dataset build tests/e2e/recipes/tiny.yaml --results " + results);
  REQUIRE(built.exit_code == 0);
  // Progress lines name the dataset; the line that is only a path is the cache file.
  std::string file;
  std::istringstream lines(built.output);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(results + "/cache/", 0) == 0) file = line;
  CHECK_THAT(file, StartsWith(results + "/cache/") && Catch::Matchers::EndsWith(".h5"));
  CHECK(std::filesystem::exists(file));

  const auto inspected = run_jetstudy("dataset inspect " + file + " --json");
  REQUIRE(inspected.exit_code == 0);
  const auto summary = nlohmann::json::parse(inspected.output);
  long jets = 0;
  for (const char* split : {"train", "val", "test"}) jets += summary["splits"][split]["jets"].get<long>();
  CHECK(jets == 400);  // tiny.yaml: 400 jets, 0.6 / 0.2 / 0.2
  CHECK(summary["splits"]["train"]["jets"] == 240);
  CHECK(summary["image_shape"] == nlohmann::json({1, 16, 16}));
  // Top jets are heavier than QCD jets: the median masses say so.
  CHECK(summary["observables"]["mass"]["signal"]["q50"].get<double>() >
        summary["observables"]["mass"]["background"]["q50"].get<double>() + 50);

  const auto text = run_jetstudy("dataset inspect " + file);
  CHECK_THAT(text.output, Contains("split      jets   signal background  sig.frac") && Contains("mass       signal"));

  const auto again = run_jetstudy("dataset build tests/e2e/recipes/tiny.yaml --results " + results);
  CHECK_THAT(again.output, Contains("loaded from"));
}

TEST_CASE("dataset commands: inspecting a file that is not a dataset exits 2 naming it") {
  const auto result = run_jetstudy("dataset inspect tests/e2e/recipes/tiny.yaml");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, StartsWith("tests/e2e/recipes/tiny.yaml: "));
}

TEST_CASE("dataset commands: inspect reads the top-tagging and jet-images benchmark files as they come") {
  const auto toptag = run_jetstudy("dataset inspect tests/fixtures/events/toptag_table.h5");
  REQUIRE(toptag.exit_code == 0);
  CHECK_THAT(toptag.output, StartsWith("top-tagging file tests/fixtures/events/toptag_table.h5 (pandas table layout)\n"
                                       "split      jets   signal background  sig.frac\n"
                                       "train        30       15         15     0.500\n"
                                       "val          10        5          5     0.500\n"
                                       "test         10        5          5     0.500\n") &&
                                Contains("tau32      signal"));
  const auto images = run_jetstudy("dataset inspect tests/fixtures/events/jetimages.h5 --json");
  REQUIRE(images.exit_code == 0);
  const auto summary = nlohmann::json::parse(images.output);
  CHECK(summary["kind"] == "jet-images");
  CHECK(summary["splits"]["all"]["jets"] == 40);
  CHECK_THAT(run_jetstudy("dataset inspect tests/fixtures/events/jetimages.h5").output,
             StartsWith("jet-images file tests/fixtures/events/jetimages.h5  images 1x25x25\n") &&
                 Contains("all          40       20         20     0.500"));
}

TEST_CASE("dataset commands: inspecting an event file exits 2 saying what it is and what reads it") {
  const auto results = fresh_results_directory("inspect_events");
  const auto events = results + "/events.h5";
  REQUIRE(run_jetstudy("generate --process w -n 3 --pt 250:300 -o " + events).exit_code == 0);
  const auto inspected = run_jetstudy("dataset inspect " + events);
  CHECK(inspected.exit_code == 2);
  CHECK_THAT(inspected.output, StartsWith(events + ": a file of jetstudy's format 'jetstudy-events', not a file of "
                                                   "labelled jets") &&
                                   Contains("`jetstudy jets FILE` prints the jets of an event file"));
}
