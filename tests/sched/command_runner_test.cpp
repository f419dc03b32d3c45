#include "toolkit/sched/command_runner.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "toolkit/core/error.h"

using namespace jetstudy;

TEST_CASE("command_runner: arguments reach the program unchanged, without a shell -- output and status come back") {
  sched::ProcessRunner runner;
  const auto output = runner.run({"sh", "-c", "printf '%s|' \"$@\"; echo oops >&2; exit 3", "sh", "a b", "$(id)", "'"});
  CHECK(output.exit_code == 3);
  CHECK(output.out == "a b|$(id)|'|");
  CHECK(output.err == "oops\n");
}

TEST_CASE("command_runner: large outputs on both streams do not block") {
  sched::ProcessRunner runner;
  const auto output = runner.run({"sh", "-c", "head -c 200000 /dev/zero; head -c 300000 /dev/zero >&2"});
  CHECK(output.exit_code == 0);
  CHECK(output.out.size() == 200000);
  CHECK(output.err.size() == 300000);
}

TEST_CASE("command_runner: a missing sbatch says which Debian package provides it") {
  sched::ProcessRunner runner;
  const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  setenv("PATH", "", 1);
  std::string message;
  try {
    runner.run({"sbatch", "--parsable", "batch.sh"});
  } catch (const core::InputError& error) {
    message = error.what();
  }
  std::string condor_message;
  try {
    runner.run({"condor_submit", "jobs.sub"});
  } catch (const core::InputError& error) {
    condor_message = error.what();
  }
  setenv("PATH", path.c_str(), 1);
  CHECK(message == "sbatch not found: install Debian's slurm-client (or slurm-wlm)");
  CHECK(condor_message == "condor_submit not found: HTCondor is not packaged in Debian 12; install it from htcondor.org");
}

TEST_CASE("command_runner: a program killed by a signal reports 128 + the signal") {
  sched::ProcessRunner runner;
  CHECK(runner.run({"sh", "-c", "kill -TERM $$"}).exit_code == 128 + 15);
}
