// `jetstudy run --backend slurm` against a real single-node Slurm (Debian 12's slurm-wlm and munge on localhost).
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>

#include "tests/e2e/command.h"
#include "tests/sched/slurm_cluster.h"
#include "toolkit/sched/command_runner.h"
#include "toolkit/store/store.h"

using namespace jetstudy;
namespace fs = std::filesystem;

namespace {

const char* const kRecipe = "tests/sched/recipes/slurm_sweep.yaml";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("slurm e2e: a three-seed sweep runs as one job array and every run is in the store exactly once") {
  testing::SlurmCluster cluster;
  core::TempDirectory results("slurm-results");
  const auto started = std::chrono::steady_clock::now();
  const auto run = e2e::run_jetstudy(std::string("run ") + kRecipe + " --backend slurm --results " + results.path().string(),
                                     cluster.environment());
  const double wall_s = seconds_since(started);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(run.output.find("3 trained on slurm") != std::string::npos);
  WARN("jetstudy run --backend slurm, 3 runs: " << wall_s << " s");

  const auto store = store::Store::open(results / "jetstudy.sqlite");
  const auto runs = store.runs_of_study("slurm-sweep");
  REQUIRE(runs.size() == 3);
  for (const auto& record : runs) {
    CAPTURE(record.hash);
    CHECK(record.status == store::RunStatus::done);
    CHECK(record.attempts == 1);
    CHECK(record.backend == "slurm");
    int test_auc = 0;
    for (const auto& metric : store.metrics_of_run(record.hash))
      if (metric.split == "test" && metric.name == "auc" && !metric.epoch) ++test_auc;
    CHECK(test_auc == 1);
  }
  // One array: one batch directory, one log per task.
  std::vector<fs::path> batches(fs::directory_iterator(results / "batches"), fs::directory_iterator{});
  REQUIRE(batches.size() == 1);
  int logs = 0;
  for (const auto& entry : fs::directory_iterator(batches[0])) logs += entry.path().filename().string().rfind("slurm-", 0) == 0;
  CHECK(logs == 3);

  // Running it again trains nothing.
  const auto again = e2e::run_jetstudy(std::string("run ") + kRecipe + " --backend slurm --results " + results.path().string(),
                                       cluster.environment());
  CHECK(again.exit_code == 0);
  CHECK(again.output.find("0 trained on slurm, 0 ingested, 3 already done") != std::string::npos);
}

TEST_CASE("slurm e2e: an unknown partition is bad input with sbatch's own message, and nothing is marked running") {
  testing::SlurmCluster cluster;
  core::TempDirectory results("slurm-results");
  const auto run = e2e::run_jetstudy(std::string("run ") + kRecipe + " --backend slurm --set run.slurm.partition=nosuch --results " +
                                         results.path().string(),
                                     cluster.environment());
  INFO(run.output);
  CHECK(run.exit_code == 2);
  CHECK(run.output.find("batch.sh: sbatch refused the batch (exit 1): sbatch: error: invalid partition specified: nosuch") !=
        std::string::npos);
  CHECK(run.output.find("Batch job submission failed: Invalid partition name specified") != std::string::npos);
  const auto store = store::Store::open(results / "jetstudy.sqlite");
  for (const auto& record : store.runs_of_study("slurm-sweep")) CHECK(record.status == store::RunStatus::pending);
}

TEST_CASE("slurm e2e: without sbatch on PATH the run says which package provides it") {
  core::TempDirectory results("slurm-results");
  const auto run = e2e::run_jetstudy(std::string("run ") + kRecipe + " --backend slurm --results " + results.path().string(),
                                     "PATH= ");
  INFO(run.output);
  CHECK(run.exit_code == 2);
  CHECK(run.output.find("sbatch not found: install Debian's slurm-client (or slurm-wlm)") != std::string::npos);
}
