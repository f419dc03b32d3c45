// Through the binary: the local pool of `jetstudy worker` processes -- results exactly once under 8 workers, a
// coordinator or a worker killed mid-sweep, retries of a failing run, Ctrl-C to the whole process group.
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/e2e/command.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace jetstudy::e2e;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

// 64 seeds of the likelihood-ratio classifier on the 600-jet test dataset: a fraction of a second per run.
std::vector<std::string> sweep_of_64(const std::string& results) {
  std::string seeds = "sweep.seeds=[";
  for (int seed = 1; seed <= 64; ++seed) seeds += (seed > 1 ? "," : "") + std::to_string(seed);
  return {"run", "tests/experiments/recipes/classify_likelihood.yaml", "--set", seeds + "]", "--jobs", "8",
          "--results", results};
}

std::string quoted(const std::vector<std::string>& arguments) {
  std::string line;
  for (const auto& argument : arguments) line += " '" + argument + "'";
  return line;
}

// Starts jetstudy in a process group of its own (as a shell job), output into `log`.
pid_t start_jetstudy(const std::vector<std::string>& arguments, const std::string& log) {
  const pid_t child = fork();
  if (child != 0) return child;
  setpgid(0, 0);
  const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(out, 1);
  dup2(out, 2);
  std::vector<char*> argv{const_cast<char*>(JETSTUDY_BINARY)};
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  execv(JETSTUDY_BINARY, argv.data());
  _exit(127);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int count_of(const std::string& text, const std::string& what) {
  int count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

int files_named(const std::string& results, const std::string& name) {
  if (!fs::exists(fs::path(results) / "runs")) return 0;
  int count = 0;
  for (const auto& run : fs::directory_iterator(fs::path(results) / "runs")) count += fs::exists(run.path() / name);
  return count;
}

// Polls `ready` every 20 ms for up to a minute.
template <typename Ready>
bool wait_until(Ready ready) {
  for (int attempt = 0; attempt < 3000; ++attempt) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::string sql(const std::string& results, const std::string& query) {
  FILE* pipe = popen(("sqlite3 " + results + "/jetstudy.sqlite \"" + query + "\"").c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (pipe) pclose(pipe);
  return out;
}

// Every run of the study done, its final test AUC stored exactly once, trained to done exactly once.
void check_all_done_once(const std::string& results) {
  CHECK(sql(results, "SELECT status, count(*) FROM runs GROUP BY status") == "done|64\n");
  CHECK(sql(results, "SELECT count(*) FROM (SELECT run_hash FROM metrics WHERE split = 'test' AND name = 'auc' "
                     "AND epoch IS NULL GROUP BY run_hash HAVING count(*) = 1)") == "64\n");
  CHECK(sql(results, "SELECT count(*) FROM metrics WHERE split = 'test' AND name = 'auc'") == "64\n");
  int trained_twice = 0;
  for (const auto& run : fs::directory_iterator(fs::path(results) / "runs"))
    trained_twice += count_of(read_text(run.path() / "log.txt"), "\ndone ") != 1;
  CHECK(trained_twice == 0);
}

}  // namespace

TEST_CASE("local_pool: 8 workers on a 64-run sweep store every result exactly once, without a lock error") {
  const auto results = fresh_results_directory("pool-64");
  const auto run = run_jetstudy(quoted(sweep_of_64(results)));
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Contains("local pool: 8 workers on the CPU") && Contains("64 trained, 0 ingested"));
  CHECK(run.output.find("locked") == std::string::npos);
  check_all_done_once(results);
}

TEST_CASE("local_pool: a coordinator SIGKILLed mid-sweep is restarted and finishes the rest, training nothing twice") {
  const auto results = fresh_results_directory("pool-killed-coordinator");
  const auto log = results + "-first.log";
  const pid_t coordinator = start_jetstudy(sweep_of_64(results), log);
  REQUIRE(wait_until([&] { return files_named(results, "result.json") >= 16; }));
  kill(coordinator, SIGKILL);  // no handler, no cleanup; its workers get SIGTERM from the kernel (PDEATHSIG)
  waitpid(coordinator, nullptr, 0);
  CHECK(files_named(results, "result.json") < 64);

  const auto again = run_jetstudy(quoted(sweep_of_64(results)));
  INFO(read_text(log) + again.output);
  CHECK(again.exit_code == 0);
  CHECK(again.output.find("locked") == std::string::npos);
  check_all_done_once(results);
}

TEST_CASE("local_pool: a worker SIGKILLed mid-run is replaced and the run resumes from last.pt, done at attempt 2") {
  const auto results = fresh_results_directory("pool-killed-worker");
  const std::vector<std::string> arguments = {"run", "tests/e2e/recipes/tiny.yaml", "--set", "sweep.seeds=[1]",
                                              "--set", "train.epochs=4", "--set", "train.early_stop.patience=4",
                                              "--jobs", "1", "--results", results};
  const pid_t coordinator = start_jetstudy(arguments, results + "-coordinator.log");
  fs::path run_directory;
  REQUIRE(wait_until([&] {
    if (!fs::exists(fs::path(results) / "runs")) return false;
    for (const auto& run : fs::directory_iterator(fs::path(results) / "runs")) run_directory = run.path();
    return read_text(run_directory / "log.txt").find("epoch 1/4") != std::string::npos;
  }));
  const auto heartbeat = nlohmann::json::parse(read_text(run_directory / "heartbeat.json"));
  const pid_t worker = heartbeat.at("pid").get<pid_t>();
  CHECK(worker != coordinator);
  kill(worker, SIGKILL);
  int status = 0;
  waitpid(coordinator, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  const auto hash = run_directory.filename().string();
  CHECK(sql(results, "SELECT status, attempts FROM runs WHERE hash = '" + hash + "'") == "done|2\n");
  const auto run_log = read_text(run_directory / "log.txt");
  CHECK_THAT(run_log, Contains("was killed by signal 9 (KILL) during the run") && Contains("resuming from last.pt"));
  CHECK(count_of(run_log, "\ndone ") == 1);
  // The learning curve is complete: each of the 4 epochs once in the store.
  CHECK(sql(results, "SELECT count(*) FROM metrics WHERE run_hash = '" + hash + "' AND split = 'val' AND name = 'loss' "
                     "AND epoch IS NOT NULL") == "4\n");
}

TEST_CASE("local_pool: a run whose loss diverges is tried 1 + run.retries times and ends failed with its error") {
  const auto results = fresh_results_directory("pool-retries");
  const auto run = run_jetstudy(quoted({"run", "tests/experiments/recipes/classify_dense.yaml", "--set",
                                        "train.optimizer.lr=1e12", "--set", "train.epochs=1", "--set",
                                        "run.retries=2", "--results", results}));
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.output, Contains("(attempt 2 of 3); trying again") && Contains("0 trained, 0 ingested, 0 already done, 1 failed"));
  CHECK(sql(results, "SELECT status, attempts FROM runs") == "failed|3\n");
  // Which divergence is seen first (a non-finite training loss at some step, or a validation loss that is never
  // finite) depends on the batch order; either way the store keeps it and every attempt logs it.
  auto error = sql(results, "SELECT error FROM runs");
  error.pop_back();  // the newline sqlite3 ends the row with
  CHECK_THAT(error, Contains("training loss is ") || Contains("the monitored quantity val_loss was never finite"));
  for (const auto& directory : fs::directory_iterator(fs::path(results) / "runs"))
    CHECK(count_of(read_text(directory.path() / "log.txt"), "\nfailed: " + error) == 3);
}

TEST_CASE("local_pool: Ctrl-C to the process group interrupts the running runs, exits 130, and a rerun finishes them") {
  // 40 epochs of a tiny network: long enough (seconds) that neither run can finish between the first epoch and
  // the Ctrl-C.
  const auto results = fresh_results_directory("pool-ctrl-c");
  const std::vector<std::string> arguments = {"run", "tests/e2e/recipes/tiny.yaml", "--set", "train.epochs=40",
                                              "--set", "train.early_stop.patience=40", "--jobs", "2",
                                              "--results", results};
  const auto log = results + "-coordinator.log";
  const pid_t coordinator = start_jetstudy(arguments, log);
  REQUIRE(wait_until([&] {
    if (!fs::exists(fs::path(results) / "runs")) return false;
    int training = 0;
    for (const auto& run : fs::directory_iterator(fs::path(results) / "runs"))
      training += read_text(run.path() / "log.txt").find("epoch 1/40") != std::string::npos;
    return training == 2;
  }));
  kill(-coordinator, SIGINT);  // the terminal's Ctrl-C: coordinator and workers at once
  int status = 0;
  waitpid(coordinator, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK_THAT(read_text(log), Contains("interrupted: 2 run(s) stopped at their last finished epoch"));
  CHECK(sql(results, "SELECT status, count(*) FROM runs GROUP BY status") == "interrupted|2\n");

  const auto again = run_jetstudy(quoted(arguments));
  INFO(again.output);
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.output, Contains("2 trained"));
  CHECK(sql(results, "SELECT status, attempts FROM runs") == "done|2\ndone|2\n");
  for (const auto& run : fs::directory_iterator(fs::path(results) / "runs"))
    CHECK_THAT(read_text(run.path() / "log.txt"), Contains("resuming from last.pt"));
}
