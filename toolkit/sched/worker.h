// The worker side of the worker protocol (docs/scheduler.md): executes runs whose resolved recipe the
// coordinator wrote to results/runs/<hash>/recipe.json, and reports only through files in that directory --
// heartbeat.json while it runs, epochs.jsonl after each epoch, then result.json (done) or failure.json (failed,
// bad input, interrupted). It never opens the database: the coordinator is its only writer.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "toolkit/recipe/study.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/sched/run_executor.h"
#include "toolkit/sched/run_files.h"
#include "toolkit/sched/status.h"

namespace jetstudy::sched {

struct WorkerSettings {
  // Intra-op threads for runs whose train.threads is `auto` (the pool splits the cores between its workers);
  // a recipe that pins train.threads keeps its number. nullopt: leave the recipe alone.
  std::optional<int> threads;
};

// The run's RunSpec from runs/<hash>/recipe.json (config, seed; the hash must be the config's identity).
// Throws core::InputError when the file is missing, corrupt or belongs to another run.
recipe::RunSpec read_run_recipe(const ResultsLayout& layout, const std::string& hash);

// Executes one run in this process and leaves its result.json or failure.json; returns how the attempt ended.
// A run whose last.pt exists resumes from it (the executor does; the log says so). Interrupts (core::Interrupted,
// after SIGINT/SIGTERM/SIGUSR1) end as AttemptOutcome::interrupted with the last finished epoch checkpointed.
AttemptOutcome execute_run(const ResultsLayout& layout, const std::string& hash, RunExecutor& executor,
                           const WorkerSettings& settings, Status& status);

// `jetstudy worker --serve`: reads one run hash per line from `in`, executes it, writes
// "finished <hash> <done|failed|bad_input|interrupted>" to `out` (flushed), and waits for the next. Returns the
// exit code: 0 at the end of `in`, 75 after an interrupted run (the pool must not hand it more work).
int serve_runs(const ResultsLayout& layout, RunExecutor& executor, const WorkerSettings& settings, std::istream& in,
               std::ostream& out, Status& status);

}  // namespace jetstudy::sched
