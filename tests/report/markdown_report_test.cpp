#include "toolkit/report/markdown_report.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/temp_directory.h"
#include "toolkit/core/error.h"

namespace store = jetstudy::store;
using jetstudy::report::escape_markdown_cell;
using jetstudy::report::markdown_report;
using jetstudy::testing::TempDirectory;
using nlohmann::json;

namespace {

const auto kNoon = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

store::RunOutcome test_metrics(double auc, double rejection_03, double rejection_05) {
  store::RunOutcome outcome;
  outcome.metrics = {{"test", "auc", auc, std::nullopt},
                     {"test", "rejection@0.3", rejection_03, std::nullopt},
                     {"test", "rejection@0.5", rejection_05, std::nullopt},
                     {"val", "auc", 0.5, std::nullopt},   // other splits and per-epoch values are ignored
                     {"test", "auc", 0.1, 3}};
  return outcome;
}

void add_done_run(store::Store& s, const std::string& hash, const json& point, const std::string& label,
                  int seed, const store::RunOutcome& outcome) {
  s.add_run("top", hash, {{"point", point}, {"seed", seed}}, seed, point, label);
  s.mark_running(hash, {"local", "host", "cpu", "rev", false, json::object()});
  s.mark_done(hash, outcome, 1.0);
}

// Study "top": lr=1e-3 with three done seeds; "wide | deep" with one done, one failed and one pending seed.
store::Store filled_store(const TempDirectory& directory) {
  auto s = store::Store::open(directory / "jetstudy.sqlite");
  s.upsert_study("top", "recipes/top.yaml", json::object());
  const json narrow = {{"model.filters", 8}};
  const json wide = {{"model.filters", 64}};
  add_done_run(s, "a1", narrow, "lr=1e-3", 1, test_metrics(0.90, 100.0, 38.0));
  add_done_run(s, "a2", narrow, "lr=1e-3", 2, test_metrics(0.94, 130.0, 44.0));
  add_done_run(s, "b1", wide, "wide | deep", 1, test_metrics(0.95, 200.0, 80.0));
  add_done_run(s, "a3", narrow, "lr=1e-3", 3, test_metrics(0.92, 110.0, 40.0));
  s.add_run("top", "b2ffffffffffffffff", {{"w", 2}}, 2, wide, "wide | deep");
  s.mark_running("b2ffffffffffffffff", {"local", "host", "cpu", "rev", false, json::object()});
  s.mark_failed("b2ffffffffffffffff", "CUDA out of memory\nwhile allocating 2 GiB", 4.0);
  s.add_run("top", "b3", {{"w", 3}}, 3, wide, "wide | deep");
  return s;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("markdown_report: seeds of one point give median ± sample std, failures are counted and listed") {
  TempDirectory directory("report");
  auto s = filled_store(directory);
  const auto lines = lines_of(markdown_report(s, "top", kNoon));
  const std::vector<std::string> expected = {
      "# jetstudy report: top",
      "",
      "- recipe: recipes/top.yaml",
      "- runs: 6 (4 done, 1 pending, 1 failed)",
      "- configurations: 2",
      "- generated: 2023-11-14T22:13:20Z",
      "",
      "| configuration | seeds done | status | AUC | 1/εB@0.3 | 1/εB@0.5 |",
      "|:--|--:|:--|--:|--:|--:|",
      "| lr=1e-3 | 3/3 | 3 done | 0.9200 ± 0.0200 | 110.0 ± 15.3 | 40.0 ± 3.1 |",
      "| wide \\| deep | 1/3 | 1 done, 1 pending, 1 failed | 0.9500 | 200.0 | 80.0 |",
  };
  REQUIRE(lines.size() > expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(lines[i] == expected[i]);

  const std::vector<std::string> failures = {
      "## Runs that failed or were interrupted",
      "",
      "| configuration | seed | run | status | error |",
      "|:--|--:|:--|:--|:--|",
      "| wide \\| deep | 2 | `b2ffffffffff` | failed | CUDA out of memory while allocating 2 GiB |",
  };
  REQUIRE(lines.size() >= failures.size());
  const std::vector<std::string> tail(lines.end() - static_cast<long>(failures.size()), lines.end());
  CHECK(tail == failures);
}

TEST_CASE("markdown_report: a done seed without a metric shows n, and a point with no done seed a dash") {
  TempDirectory directory("report");
  auto s = store::Store::open(directory / "jetstudy.sqlite");
  s.upsert_study("top", "recipes/top.yaml", json::object());
  add_done_run(s, "a1", {{"lr", 1}}, "", 1, test_metrics(0.90, 100.0, 38.0));
  store::RunOutcome auc_only;
  auc_only.metrics = {{"test", "auc", 0.92, std::nullopt}};
  add_done_run(s, "a2", {{"lr", 1}}, "", 2, auc_only);
  s.add_run("top", "c1", json::object(), 1, json::object(), "");

  const auto lines = lines_of(markdown_report(s, "top", kNoon));
  REQUIRE(lines.size() > 10);
  CHECK(lines[9] == "| {\"lr\":1} | 2/2 | 2 done | 0.9100 ± 0.0141 | 100.0 (n=1) | 38.0 (n=1) |");
  CHECK(lines[10] == "| (default) | 0/1 | 1 pending | – | – | – |");
  CHECK(lines.back().find("Runs that are not done are counted") != std::string::npos);
}

TEST_CASE("markdown_report: an unknown study is bad input listing the studies that exist") {
  TempDirectory directory("report");
  auto s = filled_store(directory);
  s.upsert_study("w-tagging", "recipes/w.yaml", json::object());
  REQUIRE_THROWS_AS(markdown_report(s, "tpo"), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(markdown_report(s, "tpo"), s.path().string() +
                                                     ": no study 'tpo'; did you mean 'top'?; the studies there "
                                                     "are: top, w-tagging");

  auto empty = store::Store::open(directory / "empty" / "jetstudy.sqlite");
  REQUIRE_THROWS_WITH(markdown_report(empty, "top"),
                      Catch::Matchers::EndsWith("no study 'top': the store holds no studies yet (run a recipe first)"));
}

TEST_CASE("markdown_report: table cells escape pipes and backslashes and flatten line breaks") {
  CHECK(escape_markdown_cell("a|b") == "a\\|b");
  CHECK(escape_markdown_cell("C:\\x") == "C:\\\\x");
  CHECK(escape_markdown_cell("two\nlines\r\n") == "two lines  ");
  CHECK(escape_markdown_cell("lr=1e-3") == "lr=1e-3");
}
