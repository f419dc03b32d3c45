// The ASHA rung handshake (asynchronous successive halving, Li et al., arXiv:1810.05934; docs/scheduler.md
// "Sweeps and ASHA"): the decision at a rung is made by the coordinator and waited for by the worker, so a run
// whose epochs are shorter than the coordinator's poll still stops where ASHA says, whatever the timing.
//   - before dispatch the coordinator writes runs/<hash>/asha.json {"rungs": [2, 4], "monitor": "val_auc"};
//   - for every epoch report at a rung it writes the verdict rung-<epoch>.json {"stop": true|false} (and
//     stop-requested first when stopping);
//   - after an epoch at a rung the worker waits for that verdict before it trains on.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/sched/asha.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/sched/run_files.h"

namespace jetstudy::sched {

// asha.json: the epochs at which the coordinator gives a verdict, and the figure it compares there.
struct RungPlan {
  std::vector<int> rungs;
  std::string monitor;

  bool is_rung(int epoch) const;
};

void write_rung_plan(const std::filesystem::path& path, const RungPlan& plan);  // atomically
// nullopt when absent; throws core::InputError naming the file when it is corrupt.
std::optional<RungPlan> read_rung_plan(const std::filesystem::path& path);

// rung-<epoch>.json: {"stop": true|false}.
void write_rung_verdict(const std::filesystem::path& path, bool stop);  // atomically
// nullopt when absent; throws core::InputError naming the file when it is corrupt.
std::optional<bool> read_rung_verdict(const std::filesystem::path& path);

// A coordinator's early stopping between runs (ASHA): asked after every epoch report of a run with the values it
// reported; true stops the run.
using StopHook = std::function<bool(const std::string& hash, int epoch, const std::map<std::string, double>& values)>;

// A study's ASHA as a coordinator's hook and plan: one AshaScheduler judging every report (a report without the
// monitored value had it non-finite -- workers drop those -- and ranks last), and its rungs and monitor.
StopHook asha_stop_hook(const AshaOptions& options);
RungPlan rung_plan_for(const AshaOptions& options);

// Coordinator, before dispatch: writes asha.json into the run's directory and removes the verdicts an earlier
// coordinator left there (a resumed run's epochs are replayed from epochs.jsonl and judged again).
void prepare_rung_handshake(const ResultsLayout& layout, const std::string& hash, const RungPlan& plan);

// Coordinator, for one epoch report: asks `should_stop`; when it says stop, creates stop-requested (once); at a
// rung of `plan` then writes the verdict rung-<epoch>.json. Returns true when it created stop-requested now.
// Without a plan no verdict is written (stop-requested alone, read by the worker after its next epoch).
bool judge_epoch_report(const ResultsLayout& layout, const std::string& hash, const std::optional<RungPlan>& plan,
                        const StopHook& should_stop, const EpochReport& report);

// How long a worker waits for a verdict: polling every `poll`, giving up after `limit`.
struct RungWait {
  std::chrono::milliseconds poll{20};
  std::chrono::milliseconds limit{120'000};
};

// Worker, after finishing epoch `epoch` of the run in `run_directory` (the trainer's stop hook): true when
// stop-requested exists, or when `epoch` is a rung of the asha.json there and its verdict says stop. At a rung it
// waits for the verdict; after `wait.limit` without one it tells `log` and answers from stop-requested alone, so
// a coordinator that is gone never holds a worker forever. Ctrl-C while waiting throws core::Interrupted (the
// epoch is checkpointed already). Without asha.json it never waits.
bool scheduler_asks_stop(const std::filesystem::path& run_directory, int epoch, const RungWait& wait,
                         const std::function<void(const std::string&)>& log);

}  // namespace jetstudy::sched
