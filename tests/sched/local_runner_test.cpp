#include "toolkit/sched/local_runner.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/temp_directory.h"
#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/sched/result_file.h"

using namespace jetstudy;
namespace fs = std::filesystem;

namespace {

recipe::RunSpec run_spec(const std::string& hash, std::int64_t seed) {
  recipe::RunSpec spec;
  spec.config = {{"experiment", "classify"}, {"seed", seed}};
  spec.seed = seed;
  spec.point = nlohmann::json::object();
  spec.hash = hash;
  return spec;
}

recipe::Study three_seed_study() {
  recipe::Study study;
  study.name = "toy";
  study.path = "toy.yaml";
  study.config = {{"study", "toy"}};
  for (int seed = 1; seed <= 3; ++seed) study.runs.push_back(run_spec("hash-" + std::to_string(seed), seed));
  return study;
}

// Executes runs by returning an AUC of 0.9 + seed/100; can be told to fail, interrupt or reject a run.
class FakeExecutor : public sched::RunExecutor {
 public:
  std::string device_for(const recipe::RunSpec&) override { return "cpu"; }
  store::RunOutcome execute(const recipe::RunSpec& run, const fs::path& directory, sched::Status&,
                            const sched::RunProgress&) override {
    executed.push_back(run.hash);
    if (run.hash == fail_hash) throw std::runtime_error("training diverged");
    if (run.hash == interrupt_hash) throw core::Interrupted();
    if (run.hash == bad_input_hash) throw core::InputError("recipe.yaml:3:1: bad");
    core::write_file_atomically(directory / "best.pt", "weights");
    return store::RunOutcome{{{"test", "auc", 0.9 + static_cast<double>(run.seed) / 100, std::nullopt}}, {}, {}};
  }
  std::vector<std::string> executed;
  std::string fail_hash, interrupt_hash, bad_input_hash;
};

struct Fixture {
  explicit Fixture(const std::string& name)
      : directory(name), layout{directory.path()}, store(store::Store::open(layout.database())) {}
  sched::RunSummary run(const recipe::Study& study, bool force = false) {
    sched::LocalRunner runner(store, layout, executor, status, store::RunEnvironment{"local", "host", "", "rev", false, {}});
    return runner.run(study, sched::make_plan(study, store, force), force);
  }
  testing::TempDirectory directory;
  sched::ResultsLayout layout;
  store::Store store;
  FakeExecutor executor;
  sched::QuietStatus status;
};

}  // namespace

TEST_CASE("local_runner: every run is executed once and lands in the store as done") {
  Fixture fixture("all-done");
  const auto study = three_seed_study();
  const auto summary = fixture.run(study);
  CHECK(summary.done == 3);
  CHECK(fixture.executor.executed == std::vector<std::string>{"hash-1", "hash-2", "hash-3"});
  for (const auto& run : fixture.store.runs_of_study("toy")) CHECK(run.status == store::RunStatus::done);
  CHECK(fixture.store.metrics_of_run("hash-2").at(0).value == Approx(0.92));
  CHECK(fs::exists(fixture.layout.run_directory("hash-2") / "result.json"));
  CHECK(fs::exists(fixture.layout.run_directory("hash-2") / "recipe.json"));
  CHECK(core::read_file(fixture.layout.run_directory("hash-2") / "log.txt").find("done auc=0.92") != std::string::npos);
}

TEST_CASE("local_runner: a second run of the same study skips done runs, --force reruns them") {
  Fixture fixture("rerun");
  const auto study = three_seed_study();
  fixture.run(study);
  fixture.executor.executed.clear();
  const auto again = fixture.run(study);
  CHECK(again.skipped == 3);
  CHECK(fixture.executor.executed.empty());
  const auto forced = fixture.run(study, /*force=*/true);
  CHECK(forced.done == 3);
  CHECK(fixture.store.run("hash-1")->attempts == 2);
}

TEST_CASE("local_runner: a failed run is recorded with its error and the others still run") {
  Fixture fixture("failed");
  fixture.executor.fail_hash = "hash-2";
  const auto summary = fixture.run(three_seed_study());
  CHECK(summary.done == 2);
  CHECK(summary.failed == 1);
  const auto failed = fixture.store.run("hash-2");
  CHECK(failed->status == store::RunStatus::failed);
  CHECK(failed->error == "training diverged");
  CHECK(summary.errors.at(0) == "hash-2 seed 2: training diverged");
}

TEST_CASE("local_runner: an interrupted run is marked interrupted, and the next run redoes only it") {
  Fixture fixture("interrupted");
  fixture.executor.interrupt_hash = "hash-2";
  const auto study = three_seed_study();
  CHECK_THROWS_AS(fixture.run(study), core::Interrupted);
  CHECK(fixture.store.run_status("hash-1") == store::RunStatus::done);
  CHECK(fixture.store.run_status("hash-2") == store::RunStatus::interrupted);
  CHECK(fixture.store.run_status("hash-3") == store::RunStatus::pending);

  fixture.executor.interrupt_hash.clear();
  fixture.executor.executed.clear();
  const auto resumed = fixture.run(study);
  CHECK(fixture.executor.executed == std::vector<std::string>{"hash-2", "hash-3"});
  CHECK(resumed.skipped == 1);
  CHECK(fixture.store.run_status("hash-2") == store::RunStatus::done);
}

TEST_CASE("local_runner: bad input found during a run marks it failed and stops the study with the message") {
  Fixture fixture("bad-input");
  fixture.executor.bad_input_hash = "hash-1";
  REQUIRE_THROWS_WITH(fixture.run(three_seed_study()), "recipe.yaml:3:1: bad");
  CHECK(fixture.store.run_status("hash-1") == store::RunStatus::failed);
  CHECK(fixture.executor.executed.size() == 1);
}

TEST_CASE("local_runner: a result.json the coordinator never ingested is ingested instead of training again") {
  Fixture fixture("ingest");
  const auto study = three_seed_study();
  // A worker finished hash-1 and wrote its result, but the coordinator died before writing the database.
  sched::write_result_file(fixture.layout.run_directory("hash-1") / "result.json",
                           sched::RunResult{"hash-1", {{{"test", "auc", 0.5, std::nullopt}}, {}, {}}, 12.5});
  const auto summary = fixture.run(study);
  CHECK(summary.ingested == 1);
  CHECK(summary.done == 2);
  CHECK(fixture.executor.executed == std::vector<std::string>{"hash-2", "hash-3"});
  CHECK(fixture.store.metrics_of_run("hash-1").at(0).value == 0.5);
  CHECK(fixture.store.run("hash-1")->duration_s == 12.5);
}

TEST_CASE("plan: counts runs to do and done without touching the store") {
  Fixture fixture("plan");
  const auto study = three_seed_study();
  const auto fresh = sched::make_plan(study, fixture.store, false);
  CHECK(fresh.count_to_do() == 3);
  CHECK(fixture.store.studies().empty());
  fixture.run(study);
  const auto after = sched::make_plan(study, fixture.store, false);
  CHECK(after.count_done() == 3);
  CHECK(after.count_to_do() == 0);
  CHECK(sched::make_plan(study, fixture.store, true).count_to_do() == 3);
}

TEST_CASE("results_layout: a results path blocked by a file is a clear input error") {
  const testing::TempDirectory temporary("layout");
  const auto& dir = temporary.path();
  core::write_file_atomically(dir / "file", "x");
  REQUIRE_THROWS_WITH(sched::prepare_results_for_writing(dir / "file"),
                      Catch::Matchers::EndsWith("results directory is a file, not a directory (use --results DIR)"));
  REQUIRE_THROWS_WITH(sched::open_results_for_reading(dir / "nothing-here"),
                      Catch::Matchers::Contains("no results directory here"));
}
