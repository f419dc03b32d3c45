// What the cluster coordinator asks of a batch system (Slurm, HTCondor): submit one batch of runs as one job
// array / one queue statement, and tell the state of each of its tasks. Task i runs the i-th line of the
// batch's runs file. Implementations talk to the scheduler through a CommandRunner.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace jetstudy::sched {

// One submission: the runs (by hash, in runs-file order) and where everything lives.
struct ClusterBatch {
  std::string study;                      // the study's name (from the recipe: quoted wherever it is written)
  std::filesystem::path results_root;     // absolute; must be visible from the worker nodes
  std::filesystem::path batch_directory;  // absolute; the backend writes its script and the scheduler's logs here
  std::filesystem::path runs_file;        // absolute; one run hash per line
  std::vector<std::string> hashes;
  std::filesystem::path jetstudy_binary;  // absolute path of the jetstudy executable on the worker nodes
};

// A task as the scheduler sees it.
struct TaskState {
  std::string state;   // the scheduler's word: PENDING, RUNNING, COMPLETED, ... (HTCondor: idle, running, ...)
  bool finished = false;  // the scheduler will not run it (again) unless someone requeues it
};

class ClusterBackend {
 public:
  virtual ~ClusterBackend() = default;
  virtual std::string name() const = 0;  // "slurm", "htcondor": the store's backend column
  // Writes the batch script / submit description into batch.batch_directory and submits it. Returns the job
  // (array / cluster) id. A refusal by the scheduler throws core::InputError with the scheduler's message.
  virtual std::string submit(const ClusterBatch& batch) = 0;
  // The state of every task of `job_id` the scheduler still knows, by task index. A task it has forgotten
  // (finished long ago) is absent.
  virtual std::map<int, TaskState> task_states(const std::string& job_id) = 0;
};

}  // namespace jetstudy::sched
