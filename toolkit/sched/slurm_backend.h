// The Slurm backend: one `sbatch` job array per batch of runs (--array=0-N%max_parallel), each task running
// `jetstudy worker --runs-file FILE --index $SLURM_ARRAY_TASK_ID`; the task states come from squeue, and from
// `scontrol show job` for tasks squeue no longer lists (sacct needs accounting, which many clusters lack).
// Before the time limit Slurm sends USR1 (--signal=B:USR1@N): the worker checkpoints and exits 75, and the
// batch script requeues its own task, which resumes from the checkpoint.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "toolkit/sched/cluster_backend.h"
#include "toolkit/sched/command_runner.h"

namespace jetstudy::sched {

// The recipe's `run.slurm` block. Empty strings and zeros leave the choice to the cluster's defaults.
struct SlurmOptions {
  std::string partition;
  std::string time;     // time limit as sbatch reads it: "MM", "HH:MM:SS", "D-HH:MM", ...
  std::string gpus;     // --gpus: "1", "a100:2"
  int cpus = 0;         // --cpus-per-task; also the worker's training threads
  std::string memory;   // --mem: "4G", "500M"
  std::string account;
  int max_parallel = 0;  // tasks running at once (%N of --array); 0: no limit
  std::vector<std::string> extra_directives;  // whole sbatch options, e.g. "--constraint=a100"
  int signal_seconds = 300;                   // USR1 this long before the time limit
};

// Reads `run.slurm` of a validated recipe (missing keys keep the defaults above).
SlurmOptions slurm_options(const nlohmann::json& run_block);

// The batch script. Every value from the recipe is quoted (sbatch_quote on #SBATCH lines, shell_quote in
// commands); a value with a line break throws core::InputError naming its key.
std::string slurm_batch_script(const ClusterBatch& batch, const SlurmOptions& options);

// Task index -> state from `squeue --noheader --array --format=%K|%T` output ("3|RUNNING" per line).
std::map<int, TaskState> parse_squeue_tasks(const std::string& out);

// Task index -> state from `scontrol show job --oneliner ID` output (one record per task; a record of
// pending tasks says ArrayTaskId=2-5%2).
std::map<int, TaskState> parse_scontrol_tasks(const std::string& out);

// Whether Slurm will still run (or is running) a task in this state.
bool slurm_state_finished(const std::string& state);

class SlurmBackend : public ClusterBackend {
 public:
  SlurmBackend(CommandRunner& runner, SlurmOptions options);
  std::string name() const override { return "slurm"; }
  // Writes <batch_directory>/batch.sh and runs `sbatch --parsable` on it.
  std::string submit(const ClusterBatch& batch) override;
  std::map<int, TaskState> task_states(const std::string& job_id) override;

 private:
  CommandRunner& runner_;
  SlurmOptions options_;
};

}  // namespace jetstudy::sched
