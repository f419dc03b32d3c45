// Through the binary: a run killed mid-training resumes from its checkpoint; a finished run is scored on another
// dataset with `jetstudy evaluate`.
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
using Catch::Matchers::StartsWith;

namespace {

const std::string kOneSeedFourEpochs =
    " --set 'sweep.seeds=[1]' --set train.epochs=4 --set train.early_stop.patience=4 --set model.dropout=0.2";

// The test metrics of the only run in a results directory, from its result.json.
std::map<std::string, double> test_metrics(const std::string& results) {
  for (const auto& run : fs::directory_iterator(fs::path(results) / "runs")) {
    std::ifstream file(run.path() / "result.json");
    if (!file) continue;
    const auto result = nlohmann::json::parse(file);
    std::map<std::string, double> metrics;
    for (const auto& metric : result.at("outcome").at("metrics"))
      if (metric.at("split") == "test") metrics[metric.at("name")] = metric.at("value");
    return metrics;
  }
  return {};
}

std::string log_of_only_run(const std::string& results) {
  if (!fs::exists(fs::path(results) / "runs")) return "";
  for (const auto& run : fs::directory_iterator(fs::path(results) / "runs")) {
    std::ifstream log(run.path() / "log.txt");
    std::stringstream text;
    text << log.rdbuf();
    return text.str();
  }
  return "";
}

}  // namespace

TEST_CASE("resume: a run killed with SIGKILL after epoch 2 resumes from last.pt and ends with the uninterrupted metrics") {
  const auto uninterrupted = fresh_results_directory("uninterrupted");
  REQUIRE(run_jetstudy("run tests/e2e/recipes/tiny.yaml" + kOneSeedFourEpochs + " --results " + uninterrupted).exit_code == 0);

  const auto killed = fresh_results_directory("killed");
  const std::vector<std::string> arguments = {JETSTUDY_BINARY, "run", "tests/e2e/recipes/tiny.yaml",
                                              "--set", "sweep.seeds=[1]", "--set", "train.epochs=4",
                                              "--set", "train.early_stop.patience=4", "--set", "model.dropout=0.2",
                                              "--results", killed};
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    std::vector<char*> argv;
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execv(JETSTUDY_BINARY, argv.data());
    _exit(127);
  }
  bool second_epoch_done = false;
  for (int attempt = 0; attempt < 1200 && !second_epoch_done; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    second_epoch_done = log_of_only_run(killed).find("epoch 2/4") != std::string::npos;
  }
  REQUIRE(second_epoch_done);
  kill(child, SIGKILL);  // no handler, no cleanup: as the OOM killer or a lost node would
  waitpid(child, nullptr, 0);

  // The store still says running, by a process that is gone: the next run takes it over and resumes.
  const auto again = run_jetstudy("run tests/e2e/recipes/tiny.yaml" + kOneSeedFourEpochs + " --results " + killed);
  CHECK(again.exit_code == 0);
  const auto expected = test_metrics(uninterrupted), resumed = test_metrics(killed);
  REQUIRE(expected.count("auc"));
  CHECK(resumed == expected);
}

TEST_CASE("evaluate: a finished run is scored on another recipe's dataset and stored, an unknown run exits 2") {
  const auto results = fresh_results_directory("evaluate");
  REQUIRE(run_jetstudy("run tests/e2e/recipes/tiny.yaml --set 'sweep.seeds=[1]' --set train.epochs=1 --results " +
                       results).exit_code == 0);
  const auto status = run_jetstudy("status tiny --results " + results);
  const auto line = status.output.substr(status.output.find('\n') + 1);
  const auto hash = line.substr(line.find_first_not_of(' '), 12);

  const auto evaluation = run_jetstudy("evaluate " + hash + " --on tests/e2e/recipes/tiny.yaml --set "
                                       "data.source.pileup=20 --label pile-up-20 --results " + results);
  CHECK(evaluation.exit_code == 0);
  CHECK_THAT(evaluation.output, Contains("run " + hash + " on pile-up-20 (dataset ") && Contains(" auc "));

  const auto unknown = run_jetstudy("evaluate ffffff --on tests/e2e/recipes/tiny.yaml --results " + results);
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, StartsWith("no run ffffff in "));
}

TEST_CASE("evaluate: a three-class run is scored on another seed's dataset, and a dataset of other classes exits 2 naming both") {
  const auto results = fresh_results_directory("evaluate-classes");
  const std::string recipe = "tests/experiments/recipes/classify_three_classes.yaml";
  REQUIRE(run_jetstudy("run " + recipe + " --set train.epochs=1 --results " + results).exit_code == 0);
  const auto status = run_jetstudy("status experiments-test --results " + results);
  const auto line = status.output.substr(status.output.find('\n') + 1);
  const auto hash = line.substr(line.find_first_not_of(' '), 12);

  const auto evaluation = run_jetstudy("evaluate " + hash + " --on " + recipe +
                                       " --set data.source.seed=7 --label seed-7 --results " + results);
  INFO(evaluation.output);
  CHECK(evaluation.exit_code == 0);
  CHECK_THAT(evaluation.output, Contains("run " + hash + " on seed-7 (dataset ") && Contains(" accuracy ") &&
                                    Contains(" auc_top ") && Contains(" auc_w "));

  const auto other_classes = run_jetstudy("evaluate " + hash + " --on " + recipe +
                                          " --set 'data.source.classes=[qcd, z]' --results " + results);
  INFO(other_classes.output);
  CHECK(other_classes.exit_code == 2);
  CHECK_THAT(other_classes.output, Contains("[qcd, w, top] but the other dataset has [qcd, z]"));
}
