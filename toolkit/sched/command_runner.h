// Runs an external program (sbatch, squeue, condor_submit, ...) with a list of arguments -- never through a
// shell -- and captures what it prints. Backends talk to the scheduler only through a CommandRunner, so tests
// swap in a fake one (ninja's CommandRunner).
#pragma once

#include <string>
#include <vector>

namespace jetstudy::sched {

struct CommandOutput {
  int exit_code = 0;  // the program's exit status; 128 + n when signal n killed it
  std::string out;    // its standard output
  std::string err;    // its standard error
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // argv[0] is looked up on PATH. A program that is not there throws core::InputError saying which package
  // provides it (install_hint). Any exit status is returned, not thrown: the caller knows what it means.
  virtual CommandOutput run(const std::vector<std::string>& argv) = 0;
};

// The real thing: fork + execvp, stdin from /dev/null, stdout and stderr read through pipes.
class ProcessRunner : public CommandRunner {
 public:
  CommandOutput run(const std::vector<std::string>& argv) override;
};

// "sbatch not found: install Debian's slurm-client (or slurm-wlm)", and likewise for the other Slurm and
// HTCondor commands; "<program> not found on PATH" for anything else.
std::string install_hint(const std::string& program);

}  // namespace jetstudy::sched
