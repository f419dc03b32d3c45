#include "toolkit/sched/slurm_backend.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/sched/fake_command_runner.h"
#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/sched/shell_quote.h"

using namespace jetstudy;
namespace fs = std::filesystem;

namespace {

sched::ClusterBatch batch_in(const fs::path& root, const std::string& study, int runs) {
  sched::ClusterBatch batch;
  batch.study = study;
  batch.results_root = root;
  batch.batch_directory = root / "batches" / "tiny-20260101T000000Z-1";
  batch.runs_file = batch.batch_directory / "runs.txt";
  for (int i = 0; i < runs; ++i) batch.hashes.push_back("hash" + std::to_string(i));
  batch.jetstudy_binary = "/opt/jetstudy/bin/jetstudy";
  return batch;
}

void write_executable(const fs::path& path, const std::string& text) {
  core::write_file_atomically(path, text);
  ::chmod(path.c_str(), 0755);
}

std::string read(const fs::path& path) { return fs::exists(path) ? core::read_file(path) : ""; }

// Runs `command` with bash and returns what it printed.
sched::CommandOutput bash(const std::string& command) {
  sched::ProcessRunner runner;
  return runner.run({"bash", "-c", command});
}

// A stand-in for `jetstudy worker` and `scontrol` on PATH, in `directory`: the worker records its arguments
// one per line, says it is ready, then waits for USR1/TERM (exit 75) or exits with $FAKE_EXIT.
void install_fakes(const fs::path& directory) {
  write_executable(directory / "jetstudy", R"(#!/bin/bash
printf '%s\n' "$@" > "$FAKE_DIR/worker-arguments"
[[ -z ${FAKE_WAIT:-} ]] && exit "${FAKE_EXIT:-0}"
trap 'echo interrupted >> "$FAKE_DIR/worker-log"; exit 75' USR1 TERM
touch "$FAKE_DIR/ready"
while :; do sleep 0.05; done
)");
  fs::create_directories(directory / "bin");
  write_executable(directory / "bin" / "scontrol", "#!/bin/bash\necho \"$@\" >> \"$FAKE_DIR/scontrol-calls\"\n");
}

}  // namespace

TEST_CASE("slurm batch script: one array with every resource from the recipe (golden file)") {
  sched::SlurmOptions options;
  options.partition = "gpu";
  options.time = "02:00:00";
  options.gpus = "a100:1";
  options.cpus = 4;
  options.memory = "16G";
  options.account = "hep";
  options.max_parallel = 2;
  options.extra_directives = {"--constraint=a100", "--qos=short"};
  const auto script = sched::slurm_batch_script(batch_in("/results", "tiny", 4), options);
  const fs::path golden = fs::path(JETSTUDY_SOURCE_DIR) / "tests/sched/golden/slurm_batch.sh";
  if (std::getenv("JETSTUDY_UPDATE_GOLDEN")) core::write_file_atomically(golden, script);
  CHECK(script == core::read_file(golden));
}

TEST_CASE("slurm batch script: without options only the array, output, signal and requeue lines are there") {
  const auto script = sched::slurm_batch_script(batch_in("/results", "tiny", 1), {});
  CHECK(script.find("#SBATCH --array=0-0\n") != std::string::npos);
  CHECK(script.find("--partition") == std::string::npos);
  CHECK(script.find("--threads") == std::string::npos);
  CHECK(script.find("#SBATCH --signal=B:USR1@300\n#SBATCH --requeue\n") != std::string::npos);
}

TEST_CASE("slurm batch script: hostile names, quotes and newlines reach the worker verbatim and run nothing") {
  core::TempDirectory directory("slurm-quote");
  const auto marker = directory / "pwned";
  const std::string evil = "$(touch " + marker.string() + ")`touch " + marker.string() + "`";
  // The results directory itself has quotes, spaces and a command substitution in its name.
  const fs::path root = directory / ("res 'q\" " + evil);
  auto batch = batch_in(root, "study'\"\n" + evil + "\nline", 2);
  fs::create_directories(batch.batch_directory);
  install_fakes(directory.path());
  batch.jetstudy_binary = directory / "jetstudy";
  sched::SlurmOptions options;
  options.partition = "debug" + evil + "\"'";
  const auto script_path = batch.batch_directory / "batch.sh";
  core::write_file_atomically(script_path, sched::slurm_batch_script(batch, options));

  const auto output = bash("FAKE_DIR=" + sched::shell_quote(directory.path().string()) +
                           " SLURM_ARRAY_JOB_ID=7 SLURM_ARRAY_TASK_ID=1 bash " + sched::shell_quote(script_path.string()));
  CHECK(output.exit_code == 0);
  CHECK_FALSE(fs::exists(marker));
  CHECK(read(directory / "worker-arguments") ==
        "worker\n--results\n" + root.string() + "\n--runs-file\n" + batch.runs_file.string() + "\n--index\n1\n");
  CHECK(output.out.find("jetstudy: study study'\"\n" + evil + "\nline, task 7_1") != std::string::npos);
  // sbatch reads the partition from one #SBATCH line, escaped for its parser
  CHECK(read(script_path).find("#SBATCH --partition=\"debug$(touch ") != std::string::npos);
}

TEST_CASE("slurm batch script: a partition with a newline is refused naming the recipe key") {
  sched::SlurmOptions options;
  options.partition = "debug\n#SBATCH --wrap=id";
  REQUIRE_THROWS_WITH(sched::slurm_batch_script(batch_in("/results", "tiny", 1), options),
                      Catch::Matchers::StartsWith("run.slurm.partition: \"debug\\n#SBATCH --wrap=id\" holds a line break"));
  sched::SlurmOptions extra;
  extra.extra_directives = {"constraint=a100"};
  REQUIRE_THROWS_WITH(sched::slurm_batch_script(batch_in("/results", "tiny", 1), extra),
                      "run.slurm.extra_directives: 'constraint=a100' is not an sbatch option; write it as on sbatch's "
                      "command line, e.g. --constraint=a100");
}

TEST_CASE("slurm batch script: USR1 before the time limit is passed to the worker, which exits 75 -- the task requeues itself") {
  core::TempDirectory directory("slurm-requeue");
  install_fakes(directory.path());
  auto batch = batch_in(directory.path(), "tiny", 1);
  batch.jetstudy_binary = directory / "jetstudy";
  fs::create_directories(batch.batch_directory);
  const auto script_path = batch.batch_directory / "batch.sh";
  core::write_file_atomically(script_path, sched::slurm_batch_script(batch, {}));
  const std::string environment = "export FAKE_DIR=" + sched::shell_quote(directory.path().string()) +
                                  " FAKE_WAIT=1 SLURM_ARRAY_JOB_ID=42 SLURM_ARRAY_TASK_ID=0 PATH=" +
                                  sched::shell_quote((directory / "bin").string()) + ":$PATH; ";
  const std::string wait_ready = "until [[ -e $FAKE_DIR/ready ]]; do sleep 0.05; done; ";

  SECTION("USR1 to the batch shell alone (--signal=B:USR1): forwarded, requeued") {
    const auto output = bash(environment + "bash " + sched::shell_quote(script_path.string()) + " & shell=$!; " +
                             wait_ready + "kill -USR1 $shell; wait $shell; echo exit=$?");
    INFO(output.out << output.err);
    CHECK(output.out.find("exit=75") != std::string::npos);
    CHECK(read(directory / "worker-log") == "interrupted\n");
    CHECK(read(directory / "scontrol-calls") == "requeue 42_0\n");
  }
  SECTION("TERM to every process of the job (scancel): the worker checkpoints once, nothing is requeued") {
    const auto output = bash(environment + "bash " + sched::shell_quote(script_path.string()) + " & shell=$!; " +
                             wait_ready + "pkill -TERM -P $shell; kill -TERM $shell; wait $shell; echo exit=$?");
    INFO(output.out << output.err);
    // The task's exit status is not checked here: when the worker and the batch shell get TERM at the same
    // moment, bash 5.2 sometimes loses the worker's status (wait gives -1; about 1 run in 15 on a loaded
    // machine), and Slurm records a cancelled task as CANCELLED whatever it is. What matters: one checkpoint,
    // the task ends, and it does not requeue itself.
    CHECK(output.out.find("jetstudy: task 42_0: worker exited with ") != std::string::npos);
    CHECK(read(directory / "worker-log") == "interrupted\n");
    CHECK(read(directory / "scontrol-calls").empty());
  }
}

TEST_CASE("slurm batch script: the worker's exit status is the task's") {
  core::TempDirectory directory("slurm-exit");
  install_fakes(directory.path());
  auto batch = batch_in(directory.path(), "tiny", 1);
  batch.jetstudy_binary = directory / "jetstudy";
  fs::create_directories(batch.batch_directory);
  const auto script_path = batch.batch_directory / "batch.sh";
  core::write_file_atomically(script_path, sched::slurm_batch_script(batch, {}));
  const auto output = bash("FAKE_DIR=" + sched::shell_quote(directory.path().string()) +
                           " FAKE_EXIT=2 SLURM_ARRAY_JOB_ID=1 SLURM_ARRAY_TASK_ID=0 bash " +
                           sched::shell_quote(script_path.string()));
  CHECK(output.exit_code == 2);
}

TEST_CASE("slurm backend: sbatch --parsable gives the job id -- a refusal is bad input with sbatch's message") {
  core::TempDirectory directory("slurm-submit");
  auto batch = batch_in(directory.path(), "tiny", 3);
  fs::create_directories(batch.batch_directory);
  testing::FakeCommandRunner runner;
  sched::SlurmOptions options;
  options.partition = "nosuch";
  sched::SlurmBackend backend(runner, options);

  runner.answer("sbatch", {0, "1234;cluster\n", ""});
  CHECK(backend.submit(batch) == "1234");
  REQUIRE(runner.calls.size() == 1);
  CHECK(runner.calls[0] == std::vector<std::string>{"sbatch", "--parsable", (batch.batch_directory / "batch.sh").string()});
  CHECK(read(batch.batch_directory / "batch.sh").find("#SBATCH --array=0-2\n") != std::string::npos);

  testing::FakeCommandRunner refusing;
  refusing.answer("sbatch", {1, "", "sbatch: error: Batch job submission failed: Invalid partition name specified\n"});
  sched::SlurmBackend refused(refusing, options);
  REQUIRE_THROWS_AS(refused.submit(batch), core::InputError);
  REQUIRE_THROWS_WITH(refused.submit(batch),
                      (batch.batch_directory / "batch.sh").string() +
                          ": sbatch refused the batch (exit 1): sbatch: error: Batch job submission failed: Invalid "
                          "partition name specified");
}

TEST_CASE("slurm backend: task states from squeue, and from scontrol for tasks squeue no longer lists") {
  testing::FakeCommandRunner runner;
  runner.answer("squeue", {0, "2|RUNNING\n3|PENDING\n", ""});
  runner.answer("scontrol", {0,
                             "JobId=11 ArrayJobId=10 ArrayTaskId=0 JobName=x JobState=COMPLETED Reason=None\n"
                             "JobId=12 ArrayJobId=10 ArrayTaskId=1 JobName=x JobState=FAILED Reason=NonZeroExitCode\n"
                             "JobId=13 ArrayJobId=10 ArrayTaskId=2 JobName=x JobState=RUNNING Reason=None\n"
                             "JobId=10 ArrayJobId=10 ArrayTaskId=3-4%2 JobName=x JobState=PENDING Reason=JobArrayTaskLimit\n",
                             ""});
  sched::SlurmBackend backend(runner, {});
  const auto tasks = backend.task_states("10");
  REQUIRE(tasks.size() == 5);
  CHECK(tasks.at(0).state == "COMPLETED");
  CHECK(tasks.at(0).finished);
  CHECK(tasks.at(1).state == "FAILED");
  CHECK(tasks.at(2).state == "RUNNING");
  CHECK_FALSE(tasks.at(2).finished);
  CHECK(tasks.at(3).state == "PENDING");
  CHECK(tasks.at(4).state == "PENDING");
  CHECK(runner.calls[0] == std::vector<std::string>{"squeue", "--noheader", "--array", "--jobs=10", "--format=%K|%T"});
  CHECK(runner.calls[1] == std::vector<std::string>{"scontrol", "show", "job", "--oneliner", "10"});
}

TEST_CASE("slurm backend: a job Slurm has forgotten has no tasks -- a failing squeue is an error") {
  testing::FakeCommandRunner forgotten;
  forgotten.answer("squeue", {1, "", "slurm_load_jobs error: Invalid job id specified\n"});
  forgotten.answer("scontrol", {1, "", "slurm_load_jobs error: Invalid job id specified\n"});
  CHECK(sched::SlurmBackend(forgotten, {}).task_states("99").empty());

  testing::FakeCommandRunner down;
  down.answer("squeue", {1, "", "squeue: error: Unable to contact slurm controller (connect failure)\n"});
  REQUIRE_THROWS_WITH(sched::SlurmBackend(down, {}).task_states("99"),
                      "squeue --jobs=99 failed (exit 1): squeue: error: Unable to contact slurm controller (connect failure)");
}

TEST_CASE("slurm options: read from the recipe's run.slurm block") {
  const nlohmann::json run{{"backend", "slurm"},
                           {"slurm",
                            {{"partition", "gpu"}, {"gpus", 2}, {"cpus", 8}, {"max_parallel", 4},
                             {"extra_directives", {"--qos=long"}}}}};
  const auto options = sched::slurm_options(run);
  CHECK(options.partition == "gpu");
  CHECK(options.gpus == "2");
  CHECK(options.cpus == 8);
  CHECK(options.max_parallel == 4);
  CHECK(options.extra_directives == std::vector<std::string>{"--qos=long"});
  CHECK(options.time.empty());
  CHECK(sched::slurm_options(nlohmann::json{{"backend", "slurm"}}).partition.empty());
}
