// `jetstudy bench sched` through the real binary, at a small size: planning the 10,000-run sweep, the local pool's
// dispatch overhead, ingesting result.json files, each against the target, and the Python peers.
// Speeds are never asserted here (DESIGN.md: figures are reported by the bench, not enforced by tests).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/e2e/command.h"

using namespace jetstudy::e2e;
using Catch::Matchers::Contains;

TEST_CASE("bench sched: the plan, dispatch and ingest figures are printed against their targets and the Python peers") {
  const auto result = run_jetstudy("bench sched --dispatch-runs 3 --jobs 2 --ingest-runs 20 --metrics-per-run 50");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output,
             Contains("bench sched: plan: 10000 runs (load, validate, expand, hash, plan against an empty store)") &&
                 Contains("bench sched: dispatch: 3 runs on 2 workers") &&
                 Contains("bench sched: ingest: 20 result.json files, 1000 metric rows, read and stored in"));
  CHECK_THAT(result.output, Contains("bench sched: plan a 10000-run sweep ") && Contains("x vs target 1 s)"));
  CHECK_THAT(result.output, Contains("bench sched: dispatch overhead per run (local pool) ") &&
                                Contains("x vs target 100 ms)"));
  CHECK_THAT(result.output, Contains("bench sched: ingest 0.0M metric rows ") && Contains("x vs target 5 s)"));
  CHECK_THAT(result.output, Contains("x vs Python itertools.product + json + SHA-256 (no validation))") &&
                                Contains("x vs Python json + sqlite3 executemany (metrics table only))"));
}

TEST_CASE("bench sched: --json gives every figure with its value, unit and peer") {
  const auto result = run_jetstudy("bench sched --dispatch-runs 2 --jobs 1 --ingest-runs 5 --metrics-per-run 10 --json");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const auto document = nlohmann::json::parse(result.output.substr(result.output.find('{')));
  CHECK(document.at("suite") == "sched");
  const auto& figures = document.at("figures");
  REQUIRE(figures.size() == 5);
  for (const auto& figure : figures) {
    CHECK(figure.at("value").get<double>() >= 0);
    CHECK(figure.at("peer_value").get<double>() > 0);
  }
  CHECK(figures[2].at("unit") == "ms");
  CHECK(document.at("notes").size() == 3);
}
