#include "toolkit/sched/cluster_coordinator.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/sched/result_file.h"
#include "toolkit/sched/run_files.h"
#include "toolkit/sched/scheduler_ticket.h"

using namespace jetstudy;
namespace fs = std::filesystem;

namespace {

recipe::Study four_seed_study() {
  recipe::Study study;
  study.name = "toy";
  study.path = "toy.yaml";
  study.config = {{"study", "toy"}};
  for (int seed = 1; seed <= 4; ++seed) {
    recipe::RunSpec spec;
    spec.config = {{"experiment", "classify"}, {"seed", seed}, {"train", {{"epochs", 3}}}};
    spec.seed = seed;
    spec.point = nlohmann::json::object();
    spec.hash = "hash-" + std::to_string(seed);
    study.runs.push_back(spec);
  }
  return study;
}

// A batch system in memory: tasks are PENDING after submit; the test moves them on between polls.
class FakeCluster : public sched::ClusterBackend {
 public:
  std::string name() const override { return "slurm"; }
  std::string submit(const sched::ClusterBatch& batch) override {
    if (!refusal.empty()) throw core::InputError(refusal);
    batches.push_back(batch);
    const std::string id = std::to_string(100 + batches.size() - 1);
    for (std::size_t i = 0; i < batch.hashes.size(); ++i) jobs[id][static_cast<int>(i)] = {"PENDING", false};
    return id;
  }
  std::map<int, sched::TaskState> task_states(const std::string& job_id) override {
    ++polls;
    return jobs[job_id];
  }
  std::vector<sched::ClusterBatch> batches;
  std::map<std::string, std::map<int, sched::TaskState>> jobs;
  std::string refusal;
  int polls = 0;
};

struct Fixture {
  Fixture() : layout{directory.path()}, store(store::Store::open(layout.database())) {}

  sched::ClusterSummary run(const recipe::Study& study, std::function<void(int step)> advance, bool force = false) {
    sched::ClusterOptions options;
    options.jetstudy_binary = "/usr/local/bin/jetstudy";
    int step = 0;
    options.wait = [&](std::chrono::milliseconds) { advance(step++); };
    sched::ClusterCoordinator coordinator(store, layout, cluster, status, {"slurm", "submit-host", "", "rev", false, {}},
                                          options);
    return coordinator.run(study, sched::make_plan(study, store, force), force);
  }

  void finish(const std::string& hash, double auc) {
    sched::write_result_file(layout.result_file(hash),
                             {hash, store::RunOutcome{{{"test", "auc", auc, std::nullopt}}, {}, {}}, 12.5});
  }

  core::TempDirectory directory{"cluster"};
  sched::ResultsLayout layout;
  store::Store store;
  FakeCluster cluster;
  sched::QuietStatus status;
};

}  // namespace

TEST_CASE("cluster coordinator: one batch, results, failures, epochs and a cancelled task end up in the store") {
  Fixture fixture;
  auto& cluster = fixture.cluster;
  const auto summary = fixture.run(four_seed_study(), [&](int step) {
    auto& tasks = cluster.jobs["100"];
    if (step == 0) {
      for (auto& [index, task] : tasks) task = {"RUNNING", false};
      sched::append_epoch_report(fixture.layout.epochs_file("hash-1"), {1, {{"val_loss", 0.5}, {"val_auc", 0.8}}});
      return;
    }
    fixture.finish("hash-1", 0.91);
    sched::write_failure_file(fixture.layout.failure_file("hash-2"), {"hash-2", "loss is NaN", sched::AttemptOutcome::failed, 3});
    sched::write_failure_file(fixture.layout.failure_file("hash-4"), {"hash-4", "interrupted", sched::AttemptOutcome::interrupted, 4});
    tasks[0] = {"COMPLETED", true};
    tasks[1] = {"FAILED", true};
    tasks[2] = {"CANCELLED", true};  // scancel before it wrote anything
    tasks[3] = {"PREEMPTED", true};
  });

  REQUIRE(cluster.batches.size() == 1);
  const auto& batch = cluster.batches[0];
  CHECK(batch.hashes == std::vector<std::string>{"hash-1", "hash-2", "hash-3", "hash-4"});
  CHECK(core::read_file(batch.runs_file) == "hash-1\nhash-2\nhash-3\nhash-4\n");
  CHECK(batch.results_root == fs::absolute(fixture.layout.root));
  CHECK(batch.jetstudy_binary == "/usr/local/bin/jetstudy");
  CHECK(nlohmann::json::parse(core::read_file(fixture.layout.run_directory("hash-3") / "recipe.json"))["seed"] == 3);
  CHECK(sched::read_scheduler_ticket(sched::scheduler_ticket_file(fixture.layout, "hash-3"))->task_name() == "100_2");

  CHECK(summary.done == 1);
  CHECK(summary.failed == 2);
  CHECK(summary.interrupted == 1);
  CHECK(summary.job_ids == std::vector<std::string>{"100"});
  const auto& store = fixture.store;
  CHECK(store.run_status("hash-1") == store::RunStatus::done);
  CHECK(store.metrics_of_run("hash-1").size() == 1);
  CHECK(store.run("hash-1")->backend == "slurm");
  CHECK(store.run("hash-2")->error == "loss is NaN");
  CHECK(store.run_status("hash-3") == store::RunStatus::failed);
  CHECK(store.run("hash-3")->error == "slurm task 100_2 ended CANCELLED without result.json or failure.json; its output is in " +
                                          batch.batch_directory.string());
  CHECK(store.run_status("hash-4") == store::RunStatus::interrupted);
}

TEST_CASE("cluster coordinator: epoch reports reach the store while the run goes on") {
  Fixture fixture;
  auto study = four_seed_study();
  study.runs.resize(1);
  std::vector<store::MetricValue> seen_while_running;
  fixture.run(study, [&](int step) {
    if (step == 0) {
      sched::append_epoch_report(fixture.layout.epochs_file("hash-1"), {1, {{"val_auc", 0.8}}});
      return;
    }
    if (step == 1) {
      seen_while_running = fixture.store.metrics_of_run("hash-1");
      fixture.finish("hash-1", 0.9);
      fixture.cluster.jobs["100"][0] = {"COMPLETED", true};
    }
  });
  REQUIRE(seen_while_running.size() == 1);
  CHECK(seen_while_running[0].split == "val");
  CHECK(seen_while_running[0].name == "auc");
  CHECK(seen_while_running[0].epoch == 1);
  CHECK(fixture.store.run_status("hash-1") == store::RunStatus::done);
}

TEST_CASE("cluster coordinator: a run already done is skipped, a result.json on disk is ingested, a live task is adopted") {
  Fixture fixture;
  const auto study = four_seed_study();
  // First coordinator: submits all four, sees hash-1 finish, then dies (Ctrl-C) with the others still queued.
  REQUIRE_THROWS_AS(fixture.run(study,
                                [&](int step) {
                                  if (step == 0) {
                                    fixture.finish("hash-1", 0.9);
                                    return;
                                  }
                                  core::request_interrupt();
                                }),
                    core::Interrupted);
  core::clear_interrupt();
  // (Ctrl-C leaves them interrupted in the store, their tasks queued in Slurm.)
  CHECK(fixture.store.run_status("hash-2") == store::RunStatus::interrupted);
  fixture.finish("hash-2", 0.8);                            // finished meanwhile
  fixture.cluster.jobs["100"][2] = {"COMPLETED", true};    // hash-3 ended without a result: submit again
  fixture.cluster.jobs["100"][3] = {"RUNNING", false};     // hash-4 still running: adopt

  const auto summary = fixture.run(study, [&](int) {
    fixture.finish("hash-3", 0.7);
    fixture.finish("hash-4", 0.6);
    fixture.cluster.jobs["101"][0] = {"COMPLETED", true};
    fixture.cluster.jobs["100"][3] = {"COMPLETED", true};
  });
  CHECK(summary.skipped == 1);
  CHECK(summary.ingested == 1);
  CHECK(summary.adopted == 1);
  CHECK(summary.done == 2);
  REQUIRE(fixture.cluster.batches.size() == 2);
  CHECK(fixture.cluster.batches[1].hashes == std::vector<std::string>{"hash-3"});
  for (const auto& run : fixture.store.runs_of_study("toy")) {
    CAPTURE(run.hash);
    CHECK(run.status == store::RunStatus::done);
    CHECK(fixture.store.metrics_of_run(run.hash).size() == 1);
  }
}

TEST_CASE("cluster coordinator: Ctrl-C stops waiting, marks the runs interrupted and leaves the tasks alone") {
  Fixture fixture;
  REQUIRE_THROWS_AS(fixture.run(four_seed_study(), [](int) { core::request_interrupt(); }), core::Interrupted);
  core::clear_interrupt();
  for (const auto& run : fixture.store.runs_of_study("toy")) CHECK(run.status == store::RunStatus::interrupted);
  CHECK(fixture.cluster.jobs["100"].at(0).state == "PENDING");
}

TEST_CASE("cluster coordinator: a batch the scheduler refuses leaves every run pending and says why") {
  Fixture fixture;
  fixture.cluster.refusal = "batch.sh: sbatch refused the batch (exit 1): Invalid partition name specified";
  REQUIRE_THROWS_WITH(fixture.run(four_seed_study(), [](int) {}),
                      "batch.sh: sbatch refused the batch (exit 1): Invalid partition name specified");
  for (const auto& run : fixture.store.runs_of_study("toy")) CHECK(run.status == store::RunStatus::pending);
}

TEST_CASE("cluster coordinator: a worker's bad input fails the run and is reported as bad input") {
  Fixture fixture;
  auto study = four_seed_study();
  study.runs.resize(1);
  const auto summary = fixture.run(study, [&](int) {
    sched::write_failure_file(fixture.layout.failure_file("hash-1"),
                              {"hash-1", "recipe.json: no such dataset", sched::AttemptOutcome::bad_input, 0.1});
    fixture.cluster.jobs["100"][0] = {"FAILED", true};
  });
  CHECK(summary.bad_input);
  CHECK(summary.failed == 1);
  CHECK(summary.errors == std::vector<std::string>{"hash-1 seed 1: recipe.json: no such dataset"});
}

TEST_CASE("cluster coordinator: with ASHA it writes asha.json before submitting and a verdict at each rung") {
  Fixture fixture;
  auto study = four_seed_study();
  study.runs.resize(2);
  sched::AshaOptions asha;
  asha.monitor = "val_auc";
  asha.rungs = {1, 2};
  asha.keep = 0.5;
  sched::ClusterOptions options;
  options.jetstudy_binary = "/usr/local/bin/jetstudy";
  options.should_stop = sched::asha_stop_hook(asha);
  options.rung_plan = sched::rung_plan_for(asha);
  bool plan_written_before_submit = false;
  options.wait = [&](std::chrono::milliseconds) {
    auto& tasks = fixture.cluster.jobs["100"];
    if (!plan_written_before_submit) {  // first poll: the workers report epoch 1, hash-2 worse than hash-1
      plan_written_before_submit = sched::read_rung_plan(fixture.layout.asha_file("hash-2")).has_value();
      sched::append_epoch_report(fixture.layout.epochs_file("hash-1"), {1, {{"val_auc", 0.9}}});
      sched::append_epoch_report(fixture.layout.epochs_file("hash-2"), {1, {{"val_auc", 0.6}}});
      return;
    }
    fixture.finish("hash-1", 0.9);
    fixture.finish("hash-2", 0.6);
    for (auto& [index, task] : tasks) task = {"COMPLETED", true};
  };
  sched::ClusterCoordinator coordinator(fixture.store, fixture.layout, fixture.cluster, fixture.status,
                                        {"slurm", "submit-host", "", "rev", false, {}}, options);
  coordinator.run(study, sched::make_plan(study, fixture.store, false), false);

  CHECK(plan_written_before_submit);
  CHECK(core::read_file(fixture.layout.asha_file("hash-1")) == "{\"monitor\":\"val_auc\",\"rungs\":[1,2]}\n");
  CHECK(sched::read_rung_verdict(fixture.layout.rung_decision("hash-1", 1)) == std::optional<bool>(false));
  CHECK(sched::read_rung_verdict(fixture.layout.rung_decision("hash-2", 1)) == std::optional<bool>(true));
  CHECK_FALSE(fs::exists(fixture.layout.stop_request("hash-1")));
  CHECK(core::read_file(fixture.layout.stop_request("hash-2")) == "epoch 1\n");
  CHECK_FALSE(fs::exists(fixture.layout.rung_decision("hash-1", 2)));  // epoch 2 never reported
}
