#include "toolkit/cli/cluster_run.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "experiments/provenance.h"
#include "toolkit/cli/console_status.h"
#include "toolkit/cli/study_loading.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/sched/cluster_coordinator.h"
#include "toolkit/sched/command_runner.h"
#include "toolkit/sched/rung_verdict.h"
#include "toolkit/sched/htcondor_backend.h"
#include "toolkit/sched/plan.h"
#include "toolkit/sched/scheduler_ticket.h"
#include "toolkit/sched/slurm_backend.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

constexpr int kExitInterrupted = 130;

std::unique_ptr<sched::ClusterBackend> make_backend(const std::string& name, const nlohmann::json& run_block,
                                                    sched::CommandRunner& runner) {
  if (name == "slurm") return std::make_unique<sched::SlurmBackend>(runner, sched::slurm_options(run_block));
  if (name == "htcondor") return std::make_unique<sched::HtcondorBackend>(runner, sched::htcondor_options(run_block));
  throw core::InputError("--backend " + name + ": expected local, slurm or htcondor");
}

std::string cancel_hint(const std::string& backend, const std::vector<std::string>& job_ids) {
  std::string ids;
  for (const auto& id : job_ids) ids += " " + id;
  return (backend == "slurm" ? "scancel" : "condor_rm") + ids;
}

}  // namespace

int run_on_cluster(const ClusterRunArguments& arguments) {
  sched::ProcessRunner runner;
  // Checked before anything is read or written: a backend name that does not exist is bad input.
  if (arguments.backend != "slurm" && arguments.backend != "htcondor")
    throw core::InputError("--backend " + arguments.backend + ": expected local, slurm or htcondor");
  const auto study = load_recipe_study(arguments.recipe);
  auto backend = make_backend(arguments.backend, study.run, runner);
  const auto layout = sched::prepare_results_for_writing(sched::default_results_root(arguments.results));
  auto store = store::Store::open(layout.database());
  for (const auto& hash : store.interrupt_orphaned_runs())
    fmt::print(stderr, "run {} was left running by a process that is gone: marked interrupted\n", hash.substr(0, 12));
  const auto plan = sched::make_plan(study, store, arguments.force);
  print_plan(plan);
  if (arguments.dry_run) return kExitSuccess;

  ConsoleStatus status;
  auto environment = experiments::current_environment();
  environment.backend = arguments.backend;
  environment.device = "(chosen on the worker node)";
  sched::ClusterOptions options;
  options.jetstudy_binary = std::filesystem::read_symlink("/proc/self/exe");
  // ASHA (arXiv:1810.05934) as in the local pool: stop-requested and rung verdicts in the run directories.
  if (study.asha) {
    options.should_stop = sched::asha_stop_hook(*study.asha);
    options.rung_plan = sched::rung_plan_for(*study.asha);
  }
  sched::ClusterCoordinator coordinator(store, layout, *backend, status, environment, options);
  core::install_interrupt_handlers();
  sched::ClusterSummary summary;
  try {
    summary = coordinator.run(study, plan, arguments.force);
  } catch (const core::Interrupted&) {
    fmt::print(stderr,
               "\ninterrupted: the {} jobs go on; `jetstudy run --backend {}` again collects their results, "
               "`scancel`/`condor_rm` with the job ids in jetstudy status stops them\n",
               arguments.backend, arguments.backend);
    return kExitInterrupted;
  }
  fmt::print("study {}: {} trained on {}, {} ingested, {} already done, {} adopted from an earlier run, {} failed, "
             "{} interrupted; results in {}\n",
             study.name, summary.done, arguments.backend, summary.ingested, summary.skipped, summary.adopted,
             summary.failed, summary.interrupted, layout.root.string());
  if (!summary.job_ids.empty()) fmt::print("jobs: {} (to stop them: {})\n", fmt::join(summary.job_ids, " "),
                                           cancel_hint(arguments.backend, summary.job_ids));
  for (const auto& error : summary.errors) fmt::print(stderr, "not done: {}\n", error);
  fmt::print("next: jetstudy report {}{}\n", study.name, arguments.results.empty() ? "" : " --results " + arguments.results);
  if (summary.bad_input) return kExitBadInput;
  return summary.failed + summary.interrupted > 0 ? kExitFailure : kExitSuccess;
}

std::map<std::string, std::string> scheduler_states(const sched::ResultsLayout& layout,
                                                    const std::vector<std::string>& hashes) {
  sched::ProcessRunner runner;
  std::map<std::string, std::string> states;
  // One query per job, whatever the number of its runs.
  std::map<std::pair<std::string, std::string>, std::map<int, sched::TaskState>> jobs;
  std::map<std::pair<std::string, std::string>, std::string> failures;
  for (const auto& hash : hashes) {
    const auto ticket = sched::read_scheduler_ticket(sched::scheduler_ticket_file(layout, hash));
    if (!ticket) continue;
    const auto key = std::make_pair(ticket->backend, ticket->job_id);
    if (!jobs.count(key) && !failures.count(key)) {
      try {
        jobs[key] = make_backend(ticket->backend, nlohmann::json::object(), runner)->task_states(ticket->job_id);
      } catch (const std::exception& error) {
        failures[key] = error.what();
      }
    }
    std::string state;
    if (failures.count(key)) {
      state = "(" + failures[key] + ")";
    } else {
      const auto& tasks = jobs[key];
      const auto task = tasks.find(ticket->task);
      state = task == tasks.end() ? "(no longer known to the scheduler)" : task->second.state;
    }
    states[hash] = ticket->backend + " " + ticket->task_name() + " " + state;
  }
  return states;
}

}  // namespace jetstudy::cli
