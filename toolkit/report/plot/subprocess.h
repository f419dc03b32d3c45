// Runs an external program (gnuplot, a browser) without a shell: the argument vector goes straight to
// posix_spawnp, so no user string is ever interpreted by /bin/sh. Text is fed on stdin while stdout and
// stderr are collected, so neither side can block the other on a full pipe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/core/error.h"

namespace jetstudy::report::plot {

// The program could not be started at all (not on PATH, not executable).
class ProgramNotFound : public core::InputError {
 public:
  using core::InputError::InputError;
};

struct ProgramResult {
  int exit_code = 0;         // the program's exit status; 128 + signal number when a signal ended it
  bool timed_out = false;    // killed because it ran past the timeout
  std::string standard_output;
  std::string standard_error;
};

// Runs `arguments` (arguments[0] is looked up on PATH), writes `standard_input` to its stdin and closes it,
// and waits for it to finish. Past `timeout` the program is killed (SIGKILL) and timed_out is set.
// Throws ProgramNotFound when arguments[0] cannot be executed.
ProgramResult run_program(const std::vector<std::string>& arguments, std::string_view standard_input,
                          std::chrono::milliseconds timeout = std::chrono::minutes(2));

}  // namespace jetstudy::report::plot
