// `jetstudy run --backend slurm|htcondor`: the runs go to a batch system as one job array (Slurm) or one queue
// statement (HTCondor); this process waits and ingests their results (docs/scheduler.md "Slurm and HTCondor").
// Also what `jetstudy status` shows of the scheduler's view of a study's runs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "toolkit/cli/subcommand.h"
#include "toolkit/sched/results_layout.h"

namespace jetstudy::cli {

struct ClusterRunArguments {
  RecipeArguments recipe;
  std::string results;
  std::string backend;  // slurm | htcondor
  bool dry_run = false;
  bool force = false;
};

// Returns the exit code: 0 all done, 1 a run failed or was interrupted, 2 bad input, 130 Ctrl-C.
int run_on_cluster(const ClusterRunArguments& arguments);

// For each run (by hash) submitted to a batch system: "slurm 123_4 RUNNING", from squeue / scontrol or
// condor_q. Runs never submitted are absent; a scheduler that cannot be asked gives "slurm 123_4 (squeue: ...)".
std::map<std::string, std::string> scheduler_states(const sched::ResultsLayout& layout,
                                                    const std::vector<std::string>& hashes);

}  // namespace jetstudy::cli
