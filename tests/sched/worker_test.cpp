#include "toolkit/sched/worker.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/recipe/run_identity.h"
#include "toolkit/sched/result_file.h"

using namespace jetstudy;
using Catch::Matchers::Contains;

namespace {

// Reports two epochs, then returns an AUC of 0.9; can be told to fail, interrupt or reject the run.
class FakeExecutor : public sched::RunExecutor {
 public:
  std::string device_for(const recipe::RunSpec&) override { return "cpu"; }
  store::RunOutcome execute(const recipe::RunSpec& run, const std::filesystem::path&, sched::Status& status,
                            const sched::RunProgress& progress) override {
    threads_seen = run.config.at("train").at("threads");
    status.epoch_finished(progress, 1, 2, {{"val_loss", 0.5}, {"val_auc", 0.8}});
    if (behaviour == "fail") throw std::runtime_error("loss is nan at epoch 2");
    if (behaviour == "interrupt") throw core::Interrupted();
    if (behaviour == "bad") throw core::InputError("train.device: cuda requested, none here");
    status.epoch_finished(progress, 2, 2, {{"val_loss", 0.4}, {"val_auc", 0.85}});
    return store::RunOutcome{{{"test", "auc", 0.9, std::nullopt}}, {}, {}};
  }
  std::string behaviour = "succeed";
  nlohmann::json threads_seen;
};

struct Fixture {
  explicit Fixture(const std::string& name, nlohmann::json threads = "auto") : directory(name), layout{directory.path()} {
    const nlohmann::json config = {{"experiment", {{"kind", "classify"}}}, {"seed", 3},
                                   {"train", {{"threads", threads}, {"epochs", 2}}}};
    hash = recipe::run_identity(config);
    core::write_file_atomically(layout.run_directory(hash) / "recipe.json", config.dump());
  }
  sched::AttemptOutcome execute(std::optional<int> threads = std::nullopt) {
    return sched::execute_run(layout, hash, executor, sched::WorkerSettings{threads}, quiet);
  }
  std::string log() const { return core::read_file(layout.run_directory(hash) / "log.txt"); }
  core::TempDirectory directory;
  sched::ResultsLayout layout;
  std::string hash;
  FakeExecutor executor;
  sched::QuietStatus quiet;
};

}  // namespace

TEST_CASE("worker: a run that succeeds leaves result.json, two epoch reports and its log, and no heartbeat") {
  Fixture fixture("worker-done");
  CHECK(fixture.execute(2) == sched::AttemptOutcome::done);
  const auto result = sched::read_result_file(fixture.layout.result_file(fixture.hash));
  REQUIRE(result);
  CHECK(result->outcome.metrics.at(0).value == 0.9);
  CHECK(sched::EpochsReader(fixture.layout.epochs_file(fixture.hash)).read_new().size() == 2);
  CHECK_THAT(fixture.log(), Contains("run " + fixture.hash + " seed 3") && Contains("epoch 2/2") && Contains("done auc=0.9"));
  CHECK_FALSE(std::filesystem::exists(fixture.layout.heartbeat_file(fixture.hash)));
  CHECK_FALSE(std::filesystem::exists(fixture.layout.failure_file(fixture.hash)));
  CHECK(fixture.executor.threads_seen == 2);  // train.threads auto: the pool's share of the cores
}

TEST_CASE("worker: a recipe that pins train.threads keeps it, a resumed run says so in its log") {
  Fixture fixture("worker-threads", 1);
  core::write_file_atomically(fixture.layout.run_directory(fixture.hash) / "last.pt", "checkpoint");
  CHECK(fixture.execute(4) == sched::AttemptOutcome::done);
  CHECK(fixture.executor.threads_seen == 1);
  CHECK_THAT(fixture.log(), Contains("resuming from last.pt"));
}

TEST_CASE("worker: failed, bad-input and interrupted attempts leave failure.json with their kind and error") {
  Fixture fixture("worker-failures");
  for (const auto& [behaviour, kind, error] :
       {std::tuple{"fail", sched::AttemptOutcome::failed, "loss is nan at epoch 2"},
        std::tuple{"bad", sched::AttemptOutcome::bad_input, "train.device: cuda requested, none here"},
        std::tuple{"interrupt", sched::AttemptOutcome::interrupted, "interrupted"}}) {
    fixture.executor.behaviour = behaviour;
    CHECK(fixture.execute() == kind);
    const auto failure = sched::read_failure_file(fixture.layout.failure_file(fixture.hash));
    REQUIRE(failure);
    CHECK(failure->kind == kind);
    CHECK(failure->error == error);
  }
  CHECK_THAT(fixture.log(), Contains("failed: loss is nan at epoch 2") && Contains("interrupted"));
}

TEST_CASE("worker: a missing or foreign recipe.json is bad input naming the file") {
  Fixture fixture("worker-recipe");
  const sched::ResultsLayout& layout = fixture.layout;
  CHECK_THROWS_WITH(sched::read_run_recipe(layout, "0000"), Contains("runs/0000/recipe.json: no resolved recipe"));
  core::write_file_atomically(layout.run_directory("0000") / "recipe.json", "{\"seed\": 1}");
  CHECK_THROWS_WITH(sched::read_run_recipe(layout, "0000"), Contains("not 0000's"));
  CHECK(sched::execute_run(layout, "0000", fixture.executor, {}, fixture.quiet) == sched::AttemptOutcome::bad_input);
}

TEST_CASE("worker: --serve executes one hash per line and answers `finished <hash> <outcome>`") {
  Fixture fixture("worker-serve");
  std::istringstream in(fixture.hash + "\n\n0000\n");
  std::ostringstream out;
  CHECK(sched::serve_runs(fixture.layout, fixture.executor, {}, in, out, fixture.quiet) == 0);
  CHECK(out.str() == "finished " + fixture.hash + " done\nfinished 0000 bad_input\n");

  fixture.executor.behaviour = "interrupt";  // the worker stops taking runs after an interrupted one
  std::istringstream twice(fixture.hash + "\n" + fixture.hash + "\n");
  std::ostringstream answered;
  CHECK(sched::serve_runs(fixture.layout, fixture.executor, {}, twice, answered, fixture.quiet) == 75);
  CHECK(answered.str() == "finished " + fixture.hash + " interrupted\n");
}
