#include "toolkit/sched/htcondor_backend.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "tests/sched/fake_command_runner.h"
#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"

using namespace jetstudy;
namespace fs = std::filesystem;

namespace {

sched::ClusterBatch batch_in(const fs::path& root, int runs) {
  sched::ClusterBatch batch;
  batch.study = "tiny top/qcd";
  batch.results_root = root;
  batch.batch_directory = root / "batches" / "tiny-20260101T000000Z-1";
  batch.runs_file = batch.batch_directory / "runs.txt";
  for (int i = 0; i < runs; ++i) batch.hashes.push_back("hash" + std::to_string(i));
  batch.jetstudy_binary = "/opt/jetstudy/bin/jetstudy";
  return batch;
}

sched::HtcondorOptions all_options() {
  sched::HtcondorOptions options;
  options.request_gpus = 1;
  options.request_cpus = 4;
  options.request_memory = "8GB";
  options.max_runtime_s = 12 * 3600;
  options.max_retries = 3;
  return options;
}

void check_golden(const std::string& text, const std::string& name) {
  const fs::path golden = fs::path(JETSTUDY_SOURCE_DIR) / "tests/sched/golden" / name;
  if (std::getenv("JETSTUDY_UPDATE_GOLDEN")) core::write_file_atomically(golden, text);
  CHECK(text == core::read_file(golden));
}

}  // namespace

TEST_CASE("htcondor submit description: one queue statement over the runs file, resources, limit and retries (golden file)") {
  check_golden(sched::htcondor_submit_description(batch_in("/results", 4), all_options()), "htcondor_jobs.sub");
}

TEST_CASE("htcondor job script: the run's files go in and come back through the scratch directory (golden file)") {
  check_golden(sched::htcondor_job_script(batch_in("/results", 4), all_options()), "htcondor_job.sh");
}

TEST_CASE("htcondor submit description: without options no request, limit or retry line -- $ in a path is no macro") {
  const auto text = sched::htcondor_submit_description(batch_in("/data/$(USER)/results", 1), {});
  CHECK(text.find("request_") == std::string::npos);
  CHECK(text.find("periodic_remove") == std::string::npos);
  CHECK(text.find("max_retries") == std::string::npos);
  CHECK(text.find("initialdir              = /data/$(DOLLAR)(USER)/results/runs/$(run_hash)\n") != std::string::npos);
  sched::HtcondorOptions bad;
  bad.request_memory = "4GB\nqueue 1000";
  REQUIRE_THROWS_WITH(sched::htcondor_submit_description(batch_in("/results", 1), bad),
                      Catch::Matchers::StartsWith("run.htcondor.request_memory: \"4GB\\nqueue 1000\" holds a line break"));
}

TEST_CASE("htcondor options: durations in seconds, minutes, hours and days -- a bad one names the key") {
  CHECK(sched::parse_duration_s("90", "k") == 90);
  CHECK(sched::parse_duration_s("30m", "k") == 1800);
  CHECK(sched::parse_duration_s("12h", "k") == 43200);
  CHECK(sched::parse_duration_s("2d", "k") == 172800);
  REQUIRE_THROWS_WITH(sched::parse_duration_s("1w", "run.htcondor.max_runtime"),
                      "run.htcondor.max_runtime: '1w' is not a duration; write seconds or e.g. 90s, 30m, 12h, 2d");
  const auto options = sched::htcondor_options(
      {{"htcondor", {{"request_gpus", 1}, {"request_memory", "4GB"}, {"max_runtime", "2h"}, {"max_retries", 2}}}});
  CHECK(options.request_gpus == 1);
  CHECK(options.request_memory == "4GB");
  CHECK(options.max_runtime_s == 7200);
  CHECK(options.max_retries == 2);
}

TEST_CASE("htcondor backend: condor_submit -terse gives the cluster -- condor_q gives each process's state") {
  core::TempDirectory directory("condor");
  auto batch = batch_in(directory.path(), 3);
  fs::create_directories(batch.batch_directory);
  testing::FakeCommandRunner runner;
  runner.answer("condor_submit", {0, "4711.0 - 4711.2\n", ""});
  runner.answer("condor_q", {0, "0 2\n1 1\n2 5\n", ""});
  sched::HtcondorBackend backend(runner, {});
  CHECK(backend.submit(batch) == "4711");
  CHECK(runner.calls[0] == std::vector<std::string>{"condor_submit", "-terse", (batch.batch_directory / "jobs.sub").string()});
  CHECK(fs::exists(batch.batch_directory / "job.sh"));
  const auto tasks = backend.task_states("4711");
  CHECK(runner.calls[1] == std::vector<std::string>{"condor_q", "4711", "-af", "ProcId", "JobStatus"});
  REQUIRE(tasks.size() == 3);
  CHECK(tasks.at(0).state == "running");
  CHECK_FALSE(tasks.at(1).finished);
  CHECK(tasks.at(2).state == "held");
  CHECK(tasks.at(2).finished);

  testing::FakeCommandRunner refusing;
  refusing.answer("condor_submit", {1, "", "ERROR: Parse error in submit file\n"});
  REQUIRE_THROWS_WITH(sched::HtcondorBackend(refusing, {}).submit(batch),
                      (batch.batch_directory / "jobs.sub").string() +
                          ": condor_submit refused the jobs (exit 1): ERROR: Parse error in submit file");
}
