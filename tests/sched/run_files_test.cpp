#include "toolkit/sched/run_files.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <limits>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/store/store.h"

using namespace jetstudy;
using Catch::Matchers::Contains;

TEST_CASE("run_files: failure.json keeps the error, the kind and the duration") {
  core::TempDirectory directory("failure-file");
  const auto path = directory / "failure.json";
  CHECK_FALSE(sched::read_failure_file(path).has_value());
  sched::write_failure_file(path, {"abc", "loss is nan at epoch 2", sched::AttemptOutcome::failed, 1.5});
  const auto failure = sched::read_failure_file(path);
  REQUIRE(failure);
  CHECK(failure->hash == "abc");
  CHECK(failure->error == "loss is nan at epoch 2");
  CHECK(failure->kind == sched::AttemptOutcome::failed);
  CHECK(failure->duration_s == 1.5);

  std::ofstream(path) << "{\"hash\": \"abc\", \"kind\": \"sleepy\"}";
  CHECK_THROWS_WITH(sched::read_failure_file(path), Contains("failure.json: corrupt failure file"));
}

TEST_CASE("run_files: outcomes map to the worker's exit codes 0, 1, 2 and 75") {
  CHECK(sched::exit_code(sched::AttemptOutcome::done) == 0);
  CHECK(sched::exit_code(sched::AttemptOutcome::failed) == 1);
  CHECK(sched::exit_code(sched::AttemptOutcome::bad_input) == 2);
  CHECK(sched::exit_code(sched::AttemptOutcome::interrupted) == 75);
  CHECK(sched::parse_attempt_outcome("bad_input") == sched::AttemptOutcome::bad_input);
  CHECK_THROWS_WITH(sched::parse_attempt_outcome("maybe"), Contains("unknown attempt outcome 'maybe'"));
}

TEST_CASE("run_files: the epochs reader returns each complete line once and waits for a line's newline") {
  core::TempDirectory directory("epochs");
  const auto path = directory / "epochs.jsonl";
  sched::EpochsReader reader(path);
  CHECK(reader.read_new().empty());  // no file yet

  sched::append_epoch_report(path, {1, {{"val_loss", 0.5}, {"val_auc", 0.8}, {"train_loss", 0.6}}});
  sched::append_epoch_report(path, {2, {{"val_loss", 0.4}, {"val_auc", std::numeric_limits<double>::quiet_NaN()}}});
  auto reports = reader.read_new();
  REQUIRE(reports.size() == 2);
  CHECK(reports[0].epoch == 1);
  CHECK(reports[0].values.at("val_auc") == 0.8);
  CHECK(reports[1].values.count("val_auc") == 0);  // not finite: left out
  CHECK(reader.read_new().empty());

  std::ofstream(path, std::ios::app) << "{\"epoch\": 3, \"values\": {\"val_loss\"";  // a worker mid-write
  CHECK(reader.read_new().empty());
  std::ofstream(path, std::ios::app) << ": 0.3}}\n";
  reports = reader.read_new();
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].epoch == 3);
  CHECK(reports[0].values.at("val_loss") == 0.3);
}

TEST_CASE("run_files: epoch values become val/train metrics, recorded once however often they are read") {
  const auto metrics = sched::epoch_metric_values({4, {{"val_auc", 0.9}, {"train_loss", 0.2}, {"learning_rate", 1e-3}}});
  REQUIRE(metrics.size() == 3);
  CHECK((metrics[0].split == "train" && metrics[0].name == "learning_rate" && metrics[0].epoch == 4));
  CHECK((metrics[1].split == "train" && metrics[1].name == "loss" && metrics[1].value == 0.2));
  CHECK((metrics[2].split == "val" && metrics[2].name == "auc" && metrics[2].value == 0.9));

  core::TempDirectory directory("epoch-metrics");
  auto store = store::Store::open(directory / "jetstudy.sqlite");
  store.upsert_study("toy", "toy.yaml", {{"study", "toy"}});
  store.add_run("toy", "h1", {{"seed", 1}}, 1, nlohmann::json::object(), "");
  store.record_epoch_metrics("h1", metrics);  // pending: ignored
  CHECK(store.metrics_of_run("h1").empty());
  store.mark_running("h1", store::RunEnvironment{"local", "host", "cpu", "rev", false, {}}, false, 4242);
  store.record_epoch_metrics("h1", metrics);
  store.record_epoch_metrics("h1", metrics);  // a coordinator that restarted reads the file again
  store.record_epoch_metrics("h1", {{"val", "auc", 0.95, 5}});
  const auto stored = store.metrics_of_run("h1");
  CHECK(stored.size() == 4);
  CHECK(std::count_if(stored.begin(), stored.end(), [](const auto& m) { return m.name == "auc"; }) == 2);
  CHECK_THROWS_AS(store.record_epoch_metrics("h1", {{"val", "auc", 0.9, std::nullopt}}), core::InternalError);

  // The claim is the worker's pid: when it is gone, the run is orphaned.
  const auto orphans = store.interrupt_orphaned_runs([](std::int64_t pid) { return pid != 4242; });
  CHECK(orphans == std::vector<std::string>{"h1"});
}
