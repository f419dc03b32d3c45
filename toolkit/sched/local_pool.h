// The local backend: a pool of `jetstudy worker --serve` child processes fed by this process, the coordinator
// (docs/scheduler.md "Local pool"). The coordinator is the only writer of the store: it registers the study,
// writes each run's recipe.json, hands run hashes to idle workers over their stdin, and ingests what they leave
// in the run directory (result.json, failure.json, epochs.jsonl). Failed runs are retried up to `retries` times;
// a worker that dies (SIGKILL, OOM) has its run marked interrupted and handed to the next worker, which resumes
// it from last.pt; Ctrl-C stops every worker at its next batch and marks their runs interrupted.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/sched/compute_slots.h"
#include "toolkit/sched/plan.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/sched/rung_verdict.h"
#include "toolkit/store/store.h"

namespace jetstudy::sched {

// What the pool shows: `[done/total] running R, failed F, best val_auc 0.912 (label), ETA 3m20s`.
struct PoolProgress {
  int finished = 0;  // done (trained or ingested) + failed for good, among the runs to do
  int total = 0;     // runs to do
  int running = 0;
  int failed = 0;
  std::string best_metric;  // "val_auc" (max) when the runs report it, else "val_loss" (min); "" before any epoch
  double best_value = 0;
  std::string best_label;   // the run's sweep label (its hash prefix when it has none)
  std::optional<double> eta_s;  // from the throughput so far; nullopt before the first run finishes
};

class PoolStatus {
 public:
  virtual ~PoolStatus() = default;
  virtual void progress(const PoolProgress& progress) = 0;
  virtual void message(const std::string& text) = 0;  // a line worth keeping: a retry, a killed worker, a failure
};

class QuietPoolStatus : public PoolStatus {
 public:
  void progress(const PoolProgress&) override {}
  void message(const std::string&) override {}
};

// "[12/64] running 8, failed 0, best val_auc 0.912 (lr=0.001 seed=3), ETA 3m20s"
std::string format_pool_progress(const PoolProgress& progress);

struct PoolOptions {
  // How to start a worker: the program and its first arguments; the pool appends
  // `--results ROOT --serve [--threads N]`. The CLI passes {"/proc/self/exe", "worker"}.
  std::vector<std::string> worker_command;
  std::vector<WorkerSlot> slots;  // one per worker (plan_worker_slots)
  int retries = 1;                // a run that fails (not bad input) or whose worker dies is tried 1 + retries times
  bool force = false;             // --force: train done runs again, from scratch
  // The device recorded for a run (the CLI resolves the recipe's train.device); a slot's GPU overrides it.
  std::function<std::string(const recipe::RunSpec&)> device_for;
  // Early stopping between runs (ASHA): asked after every epoch report of a run with the values it reported;
  // true creates the run's stop-requested file. Empty: never.
  StopHook should_stop;
  // ASHA's rungs: written to each run's asha.json before dispatch, and at a rung epoch the answer of should_stop
  // is written as the verdict rung-<epoch>.json the worker waits for (rung_verdict.h). Empty: no handshake.
  std::optional<RungPlan> rung_plan;
  int poll_interval_ms = 100;
};

struct PoolSummary {
  int done = 0;         // trained now
  int ingested = 0;     // finished earlier (result.json there but not in the store): ingested now
  int skipped = 0;      // already done in the store
  int failed = 0;       // failed after all retries
  int bad_input = 0;    // refused by the worker as bad input (not retried)
  int interrupted = 0;  // interrupted by Ctrl-C (or a worker killed once too often): to do next time
  bool was_interrupted = false;  // Ctrl-C / SIGTERM reached the coordinator
  std::vector<std::string> errors;  // "<hash prefix> <label> seed N: <message>" per run that did not finish
};

class LocalPool {
 public:
  LocalPool(store::Store& store, ResultsLayout layout, PoolOptions options, PoolStatus& status,
            store::RunEnvironment environment);
  ~LocalPool();
  LocalPool(const LocalPool&) = delete;
  LocalPool& operator=(const LocalPool&) = delete;

  // Registers the study and its runs, ingests result.json files that are there, then trains the rest on the
  // workers. Returns when every run to do has finished, or after an interrupt once every worker has stopped.
  PoolSummary run(const recipe::Study& study, const Plan& plan);

 private:
  struct Worker;
  struct Attempt;

  void prepare(const PlannedRun& planned);
  void spawn(std::size_t slot);
  void dispatch(Worker& worker, const PlannedRun& planned);
  void read_from(Worker& worker);
  void finish_attempt(Worker& worker, const std::string& outcome);
  void worker_exited(Worker& worker, int wait_status);
  // Puts the run back in the queue when it has attempts left and no interrupt is under way; false otherwise.
  bool requeue(const PlannedRun& planned, const std::string& why);
  // The run's result.json, when its worker wrote one, stored as the run's result; whether it was. Throws
  // core::InputError for a corrupt file.
  bool store_result_file(const std::string& hash);
  void count_done(double duration_s);
  void count_failed(const PlannedRun& planned, const std::string& why, int& counter);
  void read_epochs(Attempt& attempt);
  void show_progress();
  std::string describe(const PlannedRun& planned) const;

  store::Store& store_;
  ResultsLayout layout_;
  PoolOptions options_;
  PoolStatus& status_;
  store::RunEnvironment environment_;

  std::vector<std::optional<Worker>> workers_;  // one per slot; nullopt: none started or it exited
  std::vector<const PlannedRun*> queue_;        // front = next
  std::map<std::string, int> tries_;            // attempts started in this session, by hash
  PoolSummary summary_;
  PoolProgress progress_;
  std::vector<double> run_durations_;  // of the runs done by this pool, for the ETA
  bool interrupting_ = false;
};

// Before planning: waits while a run of `study` is still trained by a process on this host whose heartbeat is
// live (a worker of a coordinator that died, finishing its batch; or a second `jetstudy run`), telling `status`
// which, so that no run is trained twice at once. Returns the number of runs it waited for.
int wait_for_live_runs(const store::Store& store, const ResultsLayout& layout, const recipe::Study& study,
                       PoolStatus& status);

}  // namespace jetstudy::sched
