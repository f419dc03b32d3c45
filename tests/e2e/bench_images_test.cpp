// `jetstudy bench images` through the real binary: its figures and the numpy peer's checksum comparison.
// Speeds are never asserted here (DESIGN.md: figures are reported by the bench, not enforced by tests).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/e2e/command.h"

using namespace jetstudy::e2e;
using Catch::Matchers::Contains;

namespace {

bool numpy_peer_available() {
  return std::system("/usr/bin/python3 -c 'import numpy, h5py' > /dev/null 2>&1") == 0;
}

}  // namespace

TEST_CASE("bench images: prints its figures, and the numpy peer's images agree with ours when numpy is there") {
  const auto result = run_jetstudy("bench images --events 200");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Contains("bench images: loader, batch 128, shuffled (") &&
                                Contains("bench images: loader peak RSS (") && Contains("MiB (") &&
                                Contains("x vs target 2048)"));
  CHECK_THAT(result.output, Contains("bench images: images 40x40 centre+rotate+flip, 1 core ") &&
                                Contains("x vs target 20000)") && Contains(" W jets (anti-kT R=1.0, trimmed)"));
  if (!numpy_peer_available()) {
    CHECK_THAT(result.output, Contains("bench images: numpy peer skipped: "));
    return;
  }
  CHECK_THAT(result.output, Contains(" images: checksums agree to ") &&
                                Contains("bench images: images numpy-ops pipeline, 1 core ") &&
                                Contains("x vs numpy (batched bincount))"));
  CHECK_THAT(result.output, !Contains("MISMATCH"));
}

TEST_CASE("bench images: --json gives every figure with a value and the all-cores numpy figure with goal 5x") {
  const auto result = run_jetstudy("bench --events 100 --json images");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.output);
  CHECK(json["suite"] == "images");
  const auto& figures = json["figures"];
  REQUIRE(figures.size() == (numpy_peer_available() ? 6u : 4u));
  for (const auto& figure : figures) CHECK(figure["value"].get<double>() > 0);
  // The loader figures come last: images/s against DeepTop training measured in the same run (goal 3x), and
  // the peak resident memory against 2 GB (lower is better).
  const auto& loader = figures[figures.size() - 2];
  CHECK_THAT(loader["peer"].get<std::string>(), Catch::Matchers::StartsWith("DeepTop training (Adam, batch 128"));
  CHECK(loader["goal_ratio"] == 3.0);
  const auto& memory = figures[figures.size() - 1];
  CHECK(memory["unit"] == "MiB");
  CHECK(memory["lower_is_better"] == true);
  CHECK(memory["peer_value"] == 2048.0);
  if (numpy_peer_available()) {
    // One core beside the numpy peer without a goal; all cores, as jetstudy builds images, with the 5x goal.
    CHECK(figures[2]["peer"] == "numpy (batched bincount)");
    CHECK(figures[2]["goal_ratio"] == 0.0);
    CHECK(figures[2]["peer_value"].get<double>() > 0);
    CHECK_THAT(figures[3]["what"].get<std::string>(), Catch::Matchers::StartsWith("images numpy-ops pipeline, "));
    CHECK_THAT(figures[3]["what"].get<std::string>(), Catch::Matchers::EndsWith(" cores"));
    CHECK(figures[3]["goal_ratio"] == 5.0);
    CHECK(figures[3]["peer_value"] == figures[2]["peer_value"]);
  }
}
