// A single-node Slurm cluster on localhost for one test (tests/sched/slurm_cluster.sh does the work): started
// in the constructor under a temporary directory, stopped in the destructor -- and by a watchdog if the test
// process dies first -- by the pids of exactly the daemons it started.
#pragma once

#include <filesystem>
#include <string>

#include "toolkit/core/temp_directory.h"

namespace jetstudy::testing {

class SlurmCluster {
 public:
  // Exits the test process with 77 (ctest's SKIP_RETURN_CODE) and the reason on stderr when the daemons cannot
  // run here: not root, or slurm-wlm/munge missing.
  SlurmCluster();
  ~SlurmCluster();
  SlurmCluster(const SlurmCluster&) = delete;
  SlurmCluster& operator=(const SlurmCluster&) = delete;

  // "SLURM_CONF=<dir>/slurm.conf " to put in front of a command.
  std::string environment() const;
  const std::filesystem::path& directory() const { return directory_.path(); }

 private:
  core::TempDirectory directory_{"slurm"};
};

}  // namespace jetstudy::testing
