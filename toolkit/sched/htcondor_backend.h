// The HTCondor backend: one submit description per batch with a single `queue run_hash from RUNS_FILE`
// statement, so job (process) i runs the i-th line of the runs file. Each job runs a small wrapper in
// HTCondor's scratch directory: the run's recipe.json goes in, `jetstudy worker --run HASH` trains, and
// result.json (or failure.json), log.txt, epochs.jsonl and checkpoints come back into results/runs/<hash>/.
// HTCondor is not packaged in Debian 12: this backend is tested against golden files only.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "toolkit/sched/cluster_backend.h"
#include "toolkit/sched/command_runner.h"

namespace jetstudy::sched {

// The recipe's `run.htcondor` block; zeros and empty strings leave the pool's defaults.
struct HtcondorOptions {
  int request_gpus = 0;
  int request_cpus = 0;        // also the worker's training threads
  std::string request_memory;  // "4GB", "2000" (MB), ...
  long long max_runtime_s = 0; // a running job is removed after this long; 0: no limit
  int max_retries = 0;         // a job that fails (not with bad input, exit 2) is run again up to this often
};

// Reads `run.htcondor` of a validated recipe.
HtcondorOptions htcondor_options(const nlohmann::json& run_block);

// "90", "90s", "30m", "12h", "2d" -> seconds. Throws core::InputError naming `what` otherwise.
long long parse_duration_s(const std::string& text, const std::string& what);

// The submit description and the wrapper it runs (job.sh in the batch directory).
std::string htcondor_submit_description(const ClusterBatch& batch, const HtcondorOptions& options);
std::string htcondor_job_script(const ClusterBatch& batch, const HtcondorOptions& options);

// Process id -> state from `condor_q CLUSTER -af ProcId JobStatus` output ("3 2" per line).
std::map<int, TaskState> parse_condor_q_tasks(const std::string& out);

class HtcondorBackend : public ClusterBackend {
 public:
  HtcondorBackend(CommandRunner& runner, HtcondorOptions options);
  std::string name() const override { return "htcondor"; }
  // Writes <batch_directory>/job.sh and jobs.sub and runs `condor_submit -terse jobs.sub`.
  std::string submit(const ClusterBatch& batch) override;
  // Jobs that left the queue (finished, removed) are absent.
  std::map<int, TaskState> task_states(const std::string& job_id) override;

 private:
  CommandRunner& runner_;
  HtcondorOptions options_;
};

}  // namespace jetstudy::sched
