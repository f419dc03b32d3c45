// Runs the built jetstudy binary as a user would, capturing its exit code and output.
#pragma once

#include <string>

namespace jetstudy::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr interleaved
};

// `arguments` is appended to the binary's path and run by /bin/sh from the repository root; `environment`
// (e.g. "JETSTUDY_RESULTS=/tmp/x ") is put in front of the command.
CommandResult run_jetstudy(const std::string& arguments, const std::string& environment = "");

// A fresh, empty directory under /tmp for one test's results.
std::string fresh_results_directory(const std::string& name);

}  // namespace jetstudy::e2e
