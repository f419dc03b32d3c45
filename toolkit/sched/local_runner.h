// The local backend, first slice: executes a plan's runs one after another in this process. Each run moves
// pending -> running -> done | failed | interrupted in the store; its resolved recipe, log, checkpoints,
// predictions and result.json land in results/runs/<hash>/. Ctrl-C marks the current run interrupted, so the
// next `jetstudy run` redoes it.
#pragma once

#include <string>
#include <vector>

#include "toolkit/sched/plan.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/sched/run_executor.h"
#include "toolkit/sched/status.h"
#include "toolkit/store/store.h"

namespace jetstudy::sched {

struct RunSummary {
  int done = 0;       // trained now
  int ingested = 0;   // finished earlier; their result.json was ingested now
  int skipped = 0;    // already done in the store
  int failed = 0;
  std::vector<std::string> errors;  // "<hash prefix> <label>: <message>" per failed run
};

class LocalRunner {
 public:
  LocalRunner(store::Store& store, ResultsLayout layout, RunExecutor& executor, Status& status,
              store::RunEnvironment environment);

  // Registers the study and all its runs in the store, then executes the runs the plan marks to do.
  // Rethrows core::Interrupted (after marking the run interrupted) and core::InputError (after marking it failed).
  RunSummary run(const recipe::Study& study, const Plan& plan, bool force);

 private:
  bool ingest_existing_result(const PlannedRun& planned, bool force);
  void execute_one(const PlannedRun& planned, const RunProgress& progress, bool force, RunSummary& summary);

  store::Store& store_;
  ResultsLayout layout_;
  RunExecutor& executor_;
  Status& status_;
  store::RunEnvironment environment_;
};

}  // namespace jetstudy::sched
