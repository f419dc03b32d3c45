#include "toolkit/store/store.h"

#include <SQLiteCpp/Database.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <limits>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"

namespace store = jetstudy::store;
using jetstudy::core::InputError;
using jetstudy::core::InternalError;
using jetstudy::core::TempDirectory;
using nlohmann::json;
using store::RunStatus;

namespace {

store::RunEnvironment local_cpu() {
  return {"local", "node17", "cpu", "abc123", true, {{"libtorch", "2.1.2"}, {"fastjet", "3.4.0"}}};
}

// A study "top" with one run "h1" (seed 1) at point lr=1e-3.
store::Store store_with_one_run(const TempDirectory& directory) {
  auto s = store::Store::open(directory / "results" / "jetstudy.sqlite");
  s.upsert_study("top", "recipes/top.yaml", {{"study", "top"}});
  s.add_run("top", "h1", {{"train", {{"lr", 1e-3}}}}, 1, {{"train.lr", 1e-3}}, "lr=1e-3");
  return s;
}

store::RunOutcome outcome_with_auc(double auc) {
  store::RunOutcome outcome;
  outcome.metrics = {{"test", "auc", auc, std::nullopt}, {"val", "loss", 0.5, 1}, {"val", "loss", 0.4, 2}};
  outcome.curves = {{"roc", {{"x", {0.0, 0.5, 1.0}}, {"y", {0.0, 0.9, 1.0}}}}};
  outcome.artifacts = {{"checkpoint", "results/runs/h1/best.pt", std::string(64, 'a')}};
  return outcome;
}

}  // namespace

TEST_CASE("store: open creates the missing results directory and a database in WAL mode") {
  TempDirectory directory("store");
  const auto file = directory / "deep" / "results" / "jetstudy.sqlite";
  { store::Store::open(file); }
  REQUIRE(std::filesystem::is_regular_file(file));
  SQLite::Database check(file, SQLite::OPEN_READONLY);
  CHECK(check.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("store: a results directory under a regular file is bad input naming the path") {
  TempDirectory directory("store");
  std::ofstream(directory / "plain-file") << "not a directory";
  const auto file = directory / "plain-file" / "results" / "jetstudy.sqlite";
  REQUIRE_THROWS_AS(store::Store::open(file), InputError);
  REQUIRE_THROWS_WITH(store::Store::open(file),
                      Catch::Matchers::StartsWith(file.string() + ": cannot create the results directory '" +
                                                  (directory / "plain-file" / "results").string() + "': "));
}

TEST_CASE("store: a file that is not SQLite is bad input, not a crash") {
  TempDirectory directory("store");
  const auto file = directory / "jetstudy.sqlite";
  std::ofstream(file) << "these are not the bytes of an SQLite database, just text long enough for a header....."
                         "...............................................................................";
  REQUIRE_THROWS_AS(store::Store::open(file), InputError);
  REQUIRE_THROWS_WITH(store::Store::open(file),
                      file.string() + ": cannot open the results database: file is not a database");
}

TEST_CASE("store: a read-only results directory is bad input (skipped as root, who may write anyway)") {
  if (geteuid() == 0) {
    WARN("running as root: a read-only directory is writable, nothing to check");
    return;
  }
  TempDirectory directory("store");
  const auto results = directory / "readonly";
  std::filesystem::create_directories(results);
  std::filesystem::permissions(results, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  REQUIRE_THROWS_WITH(store::Store::open(results / "jetstudy.sqlite"),
                      Catch::Matchers::Contains("is not writable: Permission denied"));
  std::filesystem::permissions(results, std::filesystem::perms::owner_all);
}

TEST_CASE("store: upserting a study updates its recipe and config but keeps its creation time") {
  TempDirectory directory("store");
  auto s = store::Store::open(directory / "jetstudy.sqlite");
  s.upsert_study("zeta", "recipes/zeta.yaml", {{"v", 1}});
  s.upsert_study("alpha", "recipes/alpha.yaml", {{"v", 1}});
  const auto before = s.study("zeta").value();
  s.upsert_study("zeta", "recipes/zeta2.yaml", {{"v", 2}});
  const auto after = s.study("zeta").value();
  CHECK(after.recipe_path == "recipes/zeta2.yaml");
  CHECK(after.config == json{{"v", 2}});
  CHECK(after.created_at == before.created_at);
  CHECK(after.created_at.size() == 20);
  CHECK(s.studies() == std::vector<std::string>{"alpha", "zeta"});
  CHECK_FALSE(s.study("nope").has_value());
}

TEST_CASE("store: a new run is pending and linked to its study with point and label") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  CHECK(s.run_status("h1") == RunStatus::pending);
  CHECK_FALSE(s.run_status("unknown").has_value());

  const auto runs = s.runs_of_study("top");
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].hash == "h1");
  CHECK(runs[0].seed == 1);
  CHECK(runs[0].attempts == 0);
  CHECK(runs[0].config == json{{"train", {{"lr", 1e-3}}}});
  CHECK(runs[0].point == json{{"train.lr", 1e-3}});
  CHECK(runs[0].label == "lr=1e-3");
  CHECK(runs[0].started_at.empty());
  CHECK_FALSE(runs[0].duration_s.has_value());
}

TEST_CASE("store: one run can belong to two studies, and adding it again does not reset it") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  s.mark_running("h1", local_cpu());
  s.mark_done("h1", outcome_with_auc(0.93), 12.5);

  s.upsert_study("other", "recipes/other.yaml", json::object());
  s.add_run("other", "h1", {{"train", {{"lr", 1e-3}}}}, 1, {{"lr", 0.001}}, "baseline");
  s.add_run("top", "h1", {{"train", {{"lr", 1e-3}}}}, 1, {{"train.lr", 1e-3}}, "lr=0.001");  // relabelled

  CHECK(s.run_status("h1") == RunStatus::done);
  CHECK(s.runs_of_study("other").at(0).label == "baseline");
  CHECK(s.runs_of_study("top").at(0).label == "lr=0.001");
  CHECK(s.runs_of_study("top").size() == 1);
  CHECK(s.runs_of_study("top").at(0).attempts == 1);
}

TEST_CASE("store: an edited recipe starts a new version and the runs it no longer plans are retired") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);  // version 1: h1 (lr=1e-3)
  s.add_run("top", "h2", {{"train", {{"lr", 1e-2}}}}, 1, {{"train.lr", 1e-2}}, "lr=1e-2");
  CHECK(s.study("top")->recipe_version == 1);

  // The same recipe again (a re-run, or a second coordinator) keeps the version and its runs.
  s.upsert_study("top", "recipes/top.yaml", {{"study", "top"}});
  CHECK(s.study("top")->recipe_version == 1);
  for (const auto& run : s.runs_of_study("top")) CHECK(run.current);

  // Edited: the coordinator upserts the new configuration, then adds every run it plans (h1 again, h3 new).
  s.upsert_study("top", "recipes/top.yaml", {{"study", "top"}, {"epochs", 20}});
  CHECK(s.study("top")->recipe_version == 2);
  for (const auto& run : s.runs_of_study("top")) CHECK_FALSE(run.current);  // until planned again
  s.add_run("top", "h1", {{"train", {{"lr", 1e-3}}}}, 1, {{"train.lr", 1e-3}}, "lr=1e-3");
  s.add_run("top", "h3", {{"train", {{"lr", 1e-3}}, {"epochs", 20}}}, 1, {{"train.lr", 1e-3}}, "lr=1e-3");

  const auto runs = s.runs_of_study("top");
  REQUIRE(runs.size() == 3);  // every run ever linked, in the order added
  CHECK(runs[0].hash == "h1");
  CHECK(runs[0].current);
  CHECK(runs[0].recipe_version == 2);
  CHECK(runs[1].hash == "h2");
  CHECK_FALSE(runs[1].current);
  CHECK(runs[1].recipe_version == 1);
  CHECK(runs[2].hash == "h3");
  CHECK(runs[2].current);

  // Back to the first configuration: a third version, in which h2 is current again once it is planned.
  s.upsert_study("top", "recipes/top.yaml", {{"study", "top"}});
  CHECK(s.study("top")->recipe_version == 3);
  s.add_run("top", "h2", {{"train", {{"lr", 1e-2}}}}, 1, {{"train.lr", 1e-2}}, "lr=1e-2");
  std::vector<std::string> current;
  for (const auto& run : s.runs_of_study("top"))
    if (run.current) current.push_back(run.hash);
  CHECK(current == std::vector<std::string>{"h2"});
}

TEST_CASE("store: a run added without a new configuration (import-scores) joins the current version") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  s.upsert_study("top", "recipes/top.yaml", {{"study", "top"}, {"edited", true}});
  s.add_run("top", "h1", {{"train", {{"lr", 1e-3}}}}, 1, {{"train.lr", 1e-3}}, "lr=1e-3");
  s.add_run("top", "imported", {{"tagger", "pfn"}}, 0, {{"tagger", "pfn"}}, "pfn");  // no upsert_study before it
  const auto runs = s.runs_of_study("top");
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].current);
  CHECK(runs[1].current);
  CHECK(runs[1].recipe_version == 2);
}

TEST_CASE("store: adding a run to an unknown study, or a known hash with another seed, is our bug") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  REQUIRE_THROWS_AS(s.add_run("nope", "h2", json::object(), 1, json::object(), ""), InternalError);
  REQUIRE_THROWS_WITH(s.add_run("nope", "h2", json::object(), 1, json::object(), ""),
                      Catch::Matchers::Contains("study 'nope' is not in the store"));
  REQUIRE_THROWS_WITH(s.add_run("top", "h1", {{"train", {{"lr", 1e-3}}}}, 2, json::object(), ""),
                      Catch::Matchers::Contains("run h1 is already stored with another seed or configuration"));
  CHECK_FALSE(s.run_status("h2").has_value());
}

TEST_CASE("store: a run goes pending -> running -> done and keeps its environment and results") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  s.mark_running("h1", local_cpu());
  auto running = s.run("h1").value();
  CHECK(running.status == RunStatus::running);
  CHECK(running.attempts == 1);
  CHECK(running.backend == "local");
  CHECK(running.host == "node17");
  CHECK(running.device == "cpu");
  CHECK(running.git_revision == "abc123");
  CHECK(running.git_dirty);
  CHECK(running.library_versions == json{{"libtorch", "2.1.2"}, {"fastjet", "3.4.0"}});
  CHECK(running.started_at.size() == 20);
  CHECK(running.finished_at.empty());

  s.mark_done("h1", outcome_with_auc(0.93), 12.5);
  const auto done = s.run("h1").value();
  CHECK(done.status == RunStatus::done);
  CHECK(done.duration_s == 12.5);
  CHECK(done.finished_at >= done.started_at);

  const auto metrics = s.metrics_of_run("h1");
  REQUIRE(metrics.size() == 3);
  CHECK(metrics[0].split == "test");
  CHECK(metrics[0].name == "auc");
  CHECK(metrics[0].value == 0.93);
  CHECK_FALSE(metrics[0].epoch.has_value());
  CHECK(metrics[1].epoch == 1);
  CHECK(metrics[2].epoch == 2);
  CHECK(metrics[2].value == 0.4);

  CHECK(s.curve("h1", "roc")->points == json{{"x", {0.0, 0.5, 1.0}}, {"y", {0.0, 0.9, 1.0}}});
  CHECK_FALSE(s.curve("h1", "sic").has_value());
  CHECK(s.curve_names("h1") == std::vector<std::string>{"roc"});
  REQUIRE(s.artifacts_of_run("h1").size() == 1);
  CHECK(s.artifacts_of_run("h1")[0].path == "results/runs/h1/best.pt");
}

TEST_CASE("store: a done run restarts only when forced, and its new results replace the old ones") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  s.mark_running("h1", local_cpu());
  s.mark_done("h1", outcome_with_auc(0.93), 10.0);

  REQUIRE_THROWS_AS(s.mark_running("h1", local_cpu()), InternalError);
  REQUIRE_THROWS_WITH(s.mark_running("h1", local_cpu()),
                      "mark_running: run h1 is done; a done run is started again only when forced (--force)");
  s.mark_running("h1", local_cpu(), /*force=*/true);
  CHECK(s.run("h1")->attempts == 2);
  CHECK_FALSE(s.run("h1")->duration_s.has_value());

  store::RunOutcome second;
  second.metrics = {{"test", "auc", 0.95, std::nullopt}};
  s.mark_done("h1", second, 11.0);
  const auto metrics = s.metrics_of_run("h1");
  REQUIRE(metrics.size() == 1);
  CHECK(metrics[0].value == 0.95);
  CHECK_FALSE(s.curve("h1", "roc").has_value());
  CHECK(s.artifacts_of_run("h1").empty());
}

TEST_CASE("store: a failed run keeps its error until it is started again") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  s.mark_running("h1", local_cpu());
  s.mark_failed("h1", "CUDA out of memory", 3.0);
  CHECK(s.run("h1")->status == RunStatus::failed);
  CHECK(s.run("h1")->error == "CUDA out of memory");
  CHECK(s.run("h1")->duration_s == 3.0);

  s.mark_running("h1", local_cpu());
  CHECK(s.run("h1")->error.empty());
  CHECK(s.run("h1")->attempts == 2);
  s.mark_interrupted("h1", 1.0);
  CHECK(s.run("h1")->status == RunStatus::interrupted);
  s.mark_running("h1", local_cpu());
  CHECK(s.run("h1")->attempts == 3);
}

TEST_CASE("store: illegal transitions and unknown runs are internal errors that change nothing") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  REQUIRE_THROWS_WITH(s.mark_done("h1", {}, 1.0),
                      "mark_done: run h1 is pending; only a running run can be done");
  REQUIRE_THROWS_WITH(s.mark_failed("h1", "x", 1.0),
                      "mark_failed: run h1 is pending; only a running run can become failed");
  REQUIRE_THROWS_WITH(s.mark_interrupted("nope", 1.0), "mark_interrupted: no run nope in the store");
  s.mark_running("h1", local_cpu());
  REQUIRE_THROWS_WITH(s.mark_running("h1", local_cpu(), true),
                      Catch::Matchers::Contains("run h1 is running; a running run must be marked"));
  CHECK(s.run("h1")->attempts == 1);
  CHECK(s.run("h1")->status == RunStatus::running);
}

TEST_CASE("store: a NaN metric is refused and leaves the run, its old results and its status as they were") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  s.mark_running("h1", local_cpu());
  s.mark_done("h1", outcome_with_auc(0.93), 10.0);
  s.mark_running("h1", local_cpu(), /*force=*/true);

  // The valid metric and the curve come first, so the transaction has already deleted and inserted rows
  // when the NaN is found: all of that must roll back.
  store::RunOutcome bad;
  bad.curves = {{"sic", json::array({1, 2})}};
  bad.metrics = {{"test", "auc", 0.97, std::nullopt},
                 {"test", "rejection@0.3", std::numeric_limits<double>::quiet_NaN(), std::nullopt}};
  REQUIRE_THROWS_AS(s.mark_done("h1", bad, 10.0), InternalError);
  REQUIRE_THROWS_WITH(s.mark_done("h1", bad, 10.0),
                      Catch::Matchers::Contains("metric test/rejection@0.3 is nan; metrics must be finite"));

  CHECK(s.run_status("h1") == RunStatus::running);
  const auto metrics = s.metrics_of_run("h1");
  REQUIRE(metrics.size() == 3);
  CHECK(metrics[0].value == 0.93);
  CHECK(s.curve_names("h1") == std::vector<std::string>{"roc"});
  CHECK(s.artifacts_of_run("h1").size() == 1);

  bad.metrics[1].value = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(s.mark_done("h1", bad, 10.0), Catch::Matchers::Contains("is inf"));
  bad.metrics.pop_back();
  bad.curves.push_back({"sic", json::array()});
  CHECK_THROWS_WITH(s.mark_done("h1", bad, 10.0), Catch::Matchers::Contains("curve name 'sic'"));
  CHECK(s.metrics_of_run("h1")[0].value == 0.93);
}

TEST_CASE("store: runs left running by a dead process become interrupted, live ones are left alone") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  s.add_run("top", "h2", json::object(), 2, json::object(), "b");
  s.mark_running("h1", local_cpu());
  s.mark_running("h2", local_cpu());

  CHECK(s.interrupt_orphaned_runs().empty());  // claimed by this very (live) process
  CHECK(s.run_status("h1") == RunStatus::running);

  const auto me = static_cast<std::int64_t>(getpid());
  const auto interrupted = s.interrupt_orphaned_runs([&](std::int64_t pid) { return pid != me; });
  CHECK(interrupted == std::vector<std::string>{"h1", "h2"});
  CHECK(s.run_status("h1") == RunStatus::interrupted);
  CHECK_THAT(s.run("h1")->error, Catch::Matchers::StartsWith("left running by process " + std::to_string(me)));
  s.mark_running("h1", local_cpu());  // an interrupted run may be retried
  CHECK(s.run("h1")->attempts == 2);
}

TEST_CASE("store: process_exists knows this process and a reaped child") {
  CHECK(store::process_exists(getpid()));
  const pid_t child = fork();
  if (child == 0) _exit(0);
  REQUIRE(child > 0);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK_FALSE(store::process_exists(child));
  CHECK_FALSE(store::process_exists(0));
}

TEST_CASE("store: datasets are recorded once per hash and their path and counts updated") {
  TempDirectory directory("store");
  auto s = store::Store::open(directory / "jetstudy.sqlite");
  CHECK_FALSE(s.dataset("d1").has_value());
  s.record_dataset("d1", "results/cache/d1.h5", {{"train", 800}, {"test", 100}});
  s.record_dataset("d1", "results/cache/d1-moved.h5", {{"train", 800}, {"test", 200}});
  const auto dataset = s.dataset("d1").value();
  CHECK(dataset.path == "results/cache/d1-moved.h5");
  CHECK(dataset.counts == json{{"train", 800}, {"test", 200}});
}

TEST_CASE("store: two connections on one file write alternately and each sees the other's writes") {
  TempDirectory directory("store");
  const auto file = directory / "jetstudy.sqlite";
  auto a = store::Store::open(file);
  auto b = store::Store::open(file);
  a.upsert_study("s", "r.yaml", json::object());
  for (int i = 0; i < 10; ++i) {
    auto& writer = (i % 2 == 0) ? a : b;
    const std::string hash = "run" + std::to_string(i);
    writer.add_run("s", hash, json::object(), i, {{"i", i}}, hash);
    writer.mark_running(hash, local_cpu());
    writer.mark_done(hash, {{{"test", "auc", 0.5 + i / 100.0, std::nullopt}}, {}, {}}, 1.0);
  }
  CHECK(a.runs_of_study("s").size() == 10);
  CHECK(b.runs_of_study("s").size() == 10);
  CHECK(a.metrics_of_run("run9").at(0).value == Approx(0.59));
  CHECK(b.metrics_of_run("run8").at(0).value == Approx(0.58));
}

TEST_CASE("store: two processes writing at the same time lose nothing (WAL and busy timeout)") {
  TempDirectory directory("store");
  const auto file = directory / "jetstudy.sqlite";
  { store::Store::open(file).upsert_study("s", "r.yaml", json::object()); }
  constexpr int kRunsPerProcess = 150;

  auto write_runs = [&](const std::string& prefix) {
    auto s = store::Store::open(file);
    for (int i = 0; i < kRunsPerProcess; ++i) {
      const std::string hash = prefix + std::to_string(i);
      s.add_run("s", hash, json::object(), i, json::object(), prefix);
      s.mark_running(hash, local_cpu());
      s.mark_done(hash, {{{"test", "auc", 0.9, std::nullopt}}, {}, {}}, 0.1);
    }
  };
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int code = 0;
    try {
      write_runs("child-");
    } catch (...) {
      code = 1;
    }
    _exit(code);
  }
  write_runs("parent-");
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  auto s = store::Store::open(file);
  const auto runs = s.runs_of_study("s");
  CHECK(runs.size() == 2 * kRunsPerProcess);
  CHECK(std::count_if(runs.begin(), runs.end(), [](const auto& r) { return r.status == RunStatus::done; }) ==
        2 * kRunsPerProcess);
}

TEST_CASE("store: a finished run evaluated on another dataset keeps one evaluation per dataset") {
  TempDirectory directory("store");
  auto s = store_with_one_run(directory);
  const store::EvaluationRecord herwig{"h1", "d2", "herwig-like", {{"auc", 0.91}}, {{"roc", {{"eps_s", {0, 1}}}}}, ""};
  REQUIRE_THROWS_WITH(s.record_evaluation(herwig), "run h1 is pending; only a finished run can be evaluated on "
                                                   "another dataset");
  s.mark_running("h1", local_cpu());
  s.mark_done("h1", outcome_with_auc(0.93), 12.5);
  s.record_evaluation(herwig);
  auto again = herwig;
  again.metrics = {{"auc", 0.92}};
  s.record_evaluation(again);  // the same dataset replaces the first evaluation
  s.record_evaluation({"h1", "d3", "pile-up 60", {{"auc", 0.88}}, json::object(), ""});
  const auto evaluations = s.evaluations_of_run("h1");
  REQUIRE(evaluations.size() == 2);
  CHECK(evaluations[0].label + evaluations[1].label == "herwig-likepile-up 60");
  CHECK(evaluations[0].metrics.at("auc") == 0.92);
  CHECK(evaluations[0].curves.at("roc").at("eps_s").size() == 2);
  CHECK(s.run_hash_with_prefix("h") == "h1");
  REQUIRE_THROWS_WITH(s.run_hash_with_prefix("x"), Catch::Matchers::StartsWith("no run x in "));
  REQUIRE_THROWS_WITH(s.record_evaluation({"nope", "d2", "x", json::object(), json::object(), ""}),
                      Catch::Matchers::StartsWith("no run nope in "));
}
