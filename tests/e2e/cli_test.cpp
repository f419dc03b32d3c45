// The CLI contract of DESIGN.md, exercised through the real binary: exit codes, messages, files.
#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/e2e/command.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace jetstudy::e2e;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

TEST_CASE("cli: validate accepts the quickstart recipe and counts its runs") {
  const auto result = run_jetstudy("validate recipes/quickstart.yaml");
  CHECK(result.exit_code == 0);
  CHECK(result.output == "recipes/quickstart.yaml: valid; study 'quickstart', 2 run(s)\n");
}

TEST_CASE("cli: a misspelt architecture in a recipe exits 2 with file:line:col and the closest name") {
  const auto result = run_jetstudy("validate tests/e2e/recipes/bad_arch.yaml");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, StartsWith("tests/e2e/recipes/bad_arch.yaml:4:9:") && Contains("did you mean 'deeptop'?"));
}

TEST_CASE("cli: --set overrides are validated like the file, naming the override") {
  const auto result = run_jetstudy("validate tests/e2e/recipes/tiny.yaml --set train.epocs=3");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Contains("--set train.epocs=3") && Contains("did you mean 'epochs'?"));
}

TEST_CASE("cli: unknown subcommands and missing arguments exit 2") {
  CHECK(run_jetstudy("frobnicate").exit_code == 2);
  CHECK(run_jetstudy("run").exit_code == 2);
  CHECK(run_jetstudy("validate tests/e2e/recipes/missing.yaml").exit_code == 2);
}

TEST_CASE("cli: status and report on a results directory that does not exist say so and exit 2") {
  const auto results = fresh_results_directory("missing");
  const auto status = run_jetstudy("status --results " + results);
  CHECK(status.exit_code == 2);
  CHECK_THAT(status.output, StartsWith(results + ": no results directory here"));
  CHECK(run_jetstudy("report tiny --results " + results).exit_code == 2);
}

TEST_CASE("cli: plan without any results lists every run as to do and creates nothing") {
  const auto results = fresh_results_directory("plan-fresh");
  const auto plan = run_jetstudy("plan recipes/quickstart.yaml --results " + results);
  CHECK(plan.exit_code == 0);
  CHECK_THAT(plan.output, Contains("every run is to do") && Contains("study quickstart: 2 runs, 0 done, 2 to do"));
  CHECK_FALSE(fs::exists(results));
}

TEST_CASE("cli: a results path that is a file is refused before any work") {
  const auto results = fresh_results_directory("file") + ".txt";
  std::ofstream(results) << "not a directory";
  const auto run = run_jetstudy("run tests/e2e/recipes/tiny.yaml --results " + results);
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.output, Contains("results directory is a file"));
}

TEST_CASE("cli: run trains every seed, stores the results, reports them, and a second run does nothing") {
  const auto results = fresh_results_directory("run");
  const auto first = run_jetstudy("run tests/e2e/recipes/tiny.yaml --results " + results);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.output, Contains("study tiny: 2 trained, 0 ingested, 0 already done, 0 failed"));
  CHECK(fs::exists(fs::path(results) / "jetstudy.sqlite"));
  CHECK(std::count_if(fs::directory_iterator(fs::path(results) / "cache"), fs::directory_iterator{},
                      [](const auto& entry) { return entry.path().extension() == ".h5"; }) == 1);
  for (const auto& run : fs::directory_iterator(fs::path(results) / "runs"))
    for (const char* file : {"recipe.json", "log.txt", "best.pt", "last.pt", "predictions.h5", "result.json"})
      CHECK(fs::exists(run.path() / file));

  const auto status = run_jetstudy("status tiny --results " + results);
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.output, StartsWith("tiny: 2 runs: 2 done"));

  const auto report = run_jetstudy("report tiny --format md --results " + results);
  INFO(report.output);
  CHECK(report.exit_code == 0);
  CHECK_THAT(report.output, Contains("| AUC") && Contains("2/2"));

  const auto plan = run_jetstudy("plan tests/e2e/recipes/tiny.yaml --results " + results);
  CHECK_THAT(plan.output, StartsWith("study tiny: 2 runs, 2 done, 0 to do"));
  const auto second = run_jetstudy("run tests/e2e/recipes/tiny.yaml --results " + results);
  CHECK(second.exit_code == 0);
  CHECK_THAT(second.output, Contains("0 trained, 0 ingested, 2 already done"));

  const auto unknown = run_jetstudy("report nosuchstudy --results " + results);
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Contains("tiny"));
}

TEST_CASE("cli: --dry-run plans without training, --force retrains done runs, JETSTUDY_RESULTS picks the directory") {
  const auto results = fresh_results_directory("dry-force");
  const std::string in_results = "JETSTUDY_RESULTS=" + results + " ";
  const auto dry = run_jetstudy("run tests/e2e/recipes/tiny.yaml --dry-run --results " + results);
  CHECK(dry.exit_code == 0);
  CHECK_THAT(dry.output, StartsWith("study tiny: 2 runs, 0 done, 2 to do"));
  CHECK_FALSE(fs::exists(fs::path(results) / "runs"));

  REQUIRE(run_jetstudy("run tests/e2e/recipes/tiny.yaml --results " + results).exit_code == 0);
  const auto forced = run_jetstudy("run tests/e2e/recipes/tiny.yaml --force --results " + results);
  CHECK_THAT(forced.output, Contains("study tiny: 2 trained, 0 ingested, 0 already done"));

  // The environment variable names the results directory when --results is absent.
  const auto status = run_jetstudy("status tiny", in_results);
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.output, StartsWith("tiny: 2 runs: 2 done") && Contains("attempts=2"));

  const auto report = run_jetstudy("report tiny --format md --out " + results + "/reports", in_results);
  CHECK(report.exit_code == 0);
  CHECK(report.output == "report: " + results + "/reports/tiny.md\n");
  std::ifstream written(results + "/reports/tiny.md");
  std::stringstream text;
  text << written.rdbuf();
  CHECK_THAT(text.str(), StartsWith("# jetstudy report: tiny") && Contains("| (default) | 2/2 | 2 done |"));

  // Without --out and --format: the HTML report, in <results>/reports/<study>/ (the README's quickstart).
  const auto html = run_jetstudy("report tiny", in_results);
  CHECK(html.exit_code == 0);
  CHECK(html.output == "report: " + results + "/reports/tiny/tiny.html\n");
  std::ifstream page(results + "/reports/tiny/tiny.html");
  std::stringstream page_text;
  page_text << page.rdbuf();
  CHECK_THAT(page_text.str(), StartsWith("<!DOCTYPE html>") && Contains("<svg") && Contains("</html>"));
}

TEST_CASE("cli: Ctrl-C during training marks the run interrupted, and the plan redoes it") {
  const auto results = fresh_results_directory("interrupt");
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(JETSTUDY_BINARY, JETSTUDY_BINARY, "run", "tests/e2e/recipes/tiny.yaml", "--set", "train.epochs=1000",
          "--set", "train.early_stop.patience=1000", "--jobs", "1", "--results", results.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the first epoch is logged, then press Ctrl-C.
  bool training = false;
  for (int attempt = 0; attempt < 600 && !training; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!fs::exists(fs::path(results) / "runs")) continue;
    for (const auto& run : fs::directory_iterator(fs::path(results) / "runs")) {
      std::ifstream log(run.path() / "log.txt");
      std::stringstream text;
      text << log.rdbuf();
      training = training || text.str().find("epoch 1/1000") != std::string::npos;
    }
  }
  REQUIRE(training);
  kill(child, SIGINT);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);

  const auto after = run_jetstudy("status tiny --results " + results);
  CHECK_THAT(after.output, StartsWith("tiny: 2 runs: 1 interrupted, 1 pending"));
  const auto plan = run_jetstudy("plan tests/e2e/recipes/tiny.yaml --set train.epochs=1000 --set "
                             "train.early_stop.patience=1000 --results " + results);
  CHECK_THAT(plan.output, StartsWith("study tiny: 2 runs, 0 done, 2 to do") && Contains("interrupted"));
}

TEST_CASE("cli: every recipe shipped in recipes/ and recipes/papers/ validates") {
  int recipes = 0;
  for (const auto* folder : {"recipes", "recipes/papers"}) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() != ".yaml") continue;
      ++recipes;
      const auto result = run_jetstudy("validate " + entry.path().string());
      INFO(result.output);
      CHECK(result.exit_code == 0);
    }
  }
  CHECK(recipes >= 7);
}
