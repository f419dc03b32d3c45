// The coordinator of `jetstudy run --backend slurm|htcondor`: the shared path of both batch systems. It
// registers the study, ingests result.json files that are already there, writes each run's recipe.json and
// one runs file per batch, submits the batch (one job array / one queue statement), then polls: worker files
// (epochs.jsonl, result.json, failure.json) go into the store -- this process is its only writer -- and the
// scheduler's task states tell when a task ended without leaving a result. Runs whose task is still queued or
// running from an earlier `jetstudy run` (scheduler.json) are adopted, never submitted twice.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <thread>
#include <string>
#include <vector>

#include "toolkit/sched/cluster_backend.h"
#include "toolkit/sched/plan.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/sched/rung_verdict.h"
#include "toolkit/sched/status.h"
#include "toolkit/store/store.h"

namespace jetstudy::sched {

struct ClusterOptions {
  std::filesystem::path jetstudy_binary;  // absolute; what the worker nodes execute
  std::chrono::milliseconds poll_interval{2000};
  // How the coordinator waits between polls; tests pass one that advances a fake cluster.
  std::function<void(std::chrono::milliseconds)> wait = [](std::chrono::milliseconds interval) {
    std::this_thread::sleep_for(interval);
  };
  int scheduler_failures_tolerated = 30;  // consecutive polls whose squeue/condor_q failed before giving up
  // Early stopping between runs (ASHA), as PoolOptions::should_stop: asked for every epoch report read from
  // epochs.jsonl; true creates stop-requested. With rung_plan, asha.json goes into each run's directory before
  // submission and the answer at a rung epoch is written as the verdict rung-<epoch>.json the worker waits for
  // (rung_verdict.h; needs the shared file system of Slurm -- HTCondor's jobs, in scratch directories, never see
  // asha.json and do not wait).
  StopHook should_stop;
  std::optional<RungPlan> rung_plan;
};

struct ClusterSummary {
  int done = 0;         // trained now, through the scheduler
  int ingested = 0;     // their result.json was there already
  int skipped = 0;      // done in the store
  int adopted = 0;      // still queued or running from an earlier `jetstudy run`: waited for, not resubmitted
  int failed = 0;       // failed or bad input
  int interrupted = 0;  // their task ended (cancelled, preempted, timed out) without a result: rerun to resume
  bool bad_input = false;            // some worker reported bad input (exit 2)
  std::vector<std::string> job_ids;  // the jobs submitted now
  std::vector<std::string> errors;   // "<hash prefix> <label> seed N: <message>" per run that did not end done
};

class ClusterCoordinator {
 public:
  ClusterCoordinator(store::Store& store, ResultsLayout layout, ClusterBackend& backend, Status& status,
                     store::RunEnvironment environment, ClusterOptions options);

  // Registers the study and its runs, submits the runs the plan marks to do, and waits until every one of
  // them has ended. Ctrl-C (core::interrupt_requested) stops waiting: the runs still out are marked
  // interrupted -- their tasks go on and a later `jetstudy run` adopts them -- and core::Interrupted is thrown.
  ClusterSummary run(const recipe::Study& study, const Plan& plan, bool force);

 private:
  struct Outstanding;
  void submit(const recipe::Study& study, std::vector<Outstanding>& batch, ClusterSummary& summary);
  void wait_for(std::vector<Outstanding>& outstanding, ClusterSummary& summary);
  bool collect_files(Outstanding& run, ClusterSummary& summary);
  void finish_without_result(Outstanding& run, const std::string& state, ClusterSummary& summary);

  store::Store& store_;
  ResultsLayout layout_;
  ClusterBackend& backend_;
  Status& status_;
  store::RunEnvironment environment_;
  ClusterOptions options_;
};

}  // namespace jetstudy::sched
