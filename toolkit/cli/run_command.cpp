// `jetstudy run`: plans a study and executes the runs that are not done yet on a pool of local workers
// (docs/scheduler.md "Local pool").
#include <fmt/format.h>

#include <limits>
#include <map>
#include <memory>
#include <thread>

#include "experiments/experiment_executor.h"
#include "experiments/provenance.h"
#include "toolkit/cli/cluster_run.h"
#include "toolkit/cli/console_status.h"
#include "toolkit/cli/study_loading.h"
#include "toolkit/cli/subcommand.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/sched/asha.h"
#include "toolkit/sched/compute_slots.h"
#include "toolkit/sched/local_pool.h"
#include "toolkit/sched/plan.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/sched/rung_verdict.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

// A run stopped by Ctrl-C: 128 + SIGINT, as shells report it.
constexpr int kExitInterrupted = 130;

struct RunArguments {
  RecipeArguments recipe;
  std::string results;
  std::string backend;  // "" = the recipe's run.backend
  std::string jobs;  // "" = the recipe's run.jobs
  bool dry_run = false;
  bool force = false;
};

// `auto` or a positive integer (from the recipe's run: block, already validated, or --jobs).
std::optional<int> auto_or_count(const nlohmann::json& value, const std::string& where) {
  if (value.is_number_integer()) return value.get<int>();
  if (value.is_string() && value.get<std::string>() == "auto") return std::nullopt;
  if (value.is_string()) {
    try {
      std::size_t used = 0;
      const int count = std::stoi(value.get<std::string>(), &used);
      if (used == value.get<std::string>().size() && count >= 1) return count;
    } catch (const std::exception&) {
    }
  }
  throw core::InputError(where + ": expected auto or a positive integer, got " + value.dump());
}

// The pool's shape from --jobs, the recipe's run: block (jobs, slots, threads) and train.device.
std::vector<sched::WorkerSlot> worker_slots(const recipe::Study& study, const RunArguments& arguments) {
  sched::ComputeRequest request;
  request.jobs = arguments.jobs.empty() ? auto_or_count(study.run.value("jobs", nlohmann::json("auto")), "run.jobs")
                                        : auto_or_count(nlohmann::json(arguments.jobs), "--jobs");
  request.slots = auto_or_count(study.run.value("slots", nlohmann::json("auto")), "run.slots");
  request.threads = auto_or_count(study.run.value("threads", nlohmann::json("auto")), "run.threads");
  const auto device = study.config.at("train").value("device", std::string("auto"));
  request.uses_gpu = device != "cpu";
  if (device.rfind("cuda:", 0) == 0) request.gpu = std::stoi(device.substr(5));
  const auto gpus = request.uses_gpu ? sched::query_gpus() : std::vector<sched::GpuInfo>{};
  return sched::plan_worker_slots(request, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())), gpus);
}

int run(const RunArguments& arguments) {
  const auto study = load_recipe_study(arguments.recipe);
  const auto backend =
      arguments.backend.empty() ? study.run.value("backend", std::string("local")) : arguments.backend;
  if (backend != "local")
    return run_on_cluster({arguments.recipe, arguments.results, backend, arguments.dry_run, arguments.force});
  const auto layout = sched::prepare_results_for_writing(sched::default_results_root(arguments.results));
  auto store = store::Store::open(layout.database());
  ConsolePoolStatus status;
  core::install_interrupt_handlers();
  auto report_orphans = [&] {
    for (const auto& hash : store.interrupt_orphaned_runs())
      status.message(fmt::format("run {} was left running by a process that is gone: marked interrupted",
                                 hash.substr(0, 12)));
  };
  report_orphans();
  // Workers of a coordinator that died finish their batch first; never train one run twice at once.
  if (sched::wait_for_live_runs(store, layout, study, status) > 0) report_orphans();
  const auto plan = sched::make_plan(study, store, arguments.force);
  print_plan(plan);
  if (arguments.dry_run) return kExitSuccess;

  experiments::ExperimentExecutor executor(layout.cache());
  for (const auto& planned : plan.runs)
    if (planned.to_do) {
      executor.device_for(planned.spec);  // a device this machine lacks is bad input: nothing marked yet
      break;
    }
  auto environment = experiments::current_environment();
  environment.backend = "local";
  sched::PoolOptions options;
  options.worker_command = {"/proc/self/exe", "worker"};
  options.slots = worker_slots(study, arguments);
  options.retries = study.run.value("retries", 1);
  options.force = arguments.force;
  options.device_for = [&executor](const recipe::RunSpec& spec) { return executor.device_for(spec); };
  // ASHA (arXiv:1810.05934): after each epoch report the scheduler decides; the pool then creates stop-requested
  // and, at a rung, the verdict file the worker waits for (sched/rung_verdict.h).
  if (study.asha) {
    options.should_stop = sched::asha_stop_hook(*study.asha);
    options.rung_plan = sched::rung_plan_for(*study.asha);
  }
  if (plan.count_to_do() > 0)
    status.message("local pool: " + sched::describe_slots(options.slots, sched::recipe_threads(plan)));

  sched::LocalPool pool(store, layout, options, status, environment);
  const auto summary = pool.run(study, plan);
  fmt::print("study {}: {} trained, {} ingested, {} already done, {} failed{}; results in {}\n", study.name,
             summary.done, summary.ingested, summary.skipped, summary.failed + summary.bad_input,
             summary.interrupted ? fmt::format(", {} interrupted", summary.interrupted) : "", layout.root.string());
  for (const auto& error : summary.errors) fmt::print(stderr, "failed: {}\n", error);
  const auto again = fmt::format("jetstudy run {}{}", arguments.recipe.recipe,
                                 arguments.results.empty() ? "" : " --results " + arguments.results);
  if (summary.was_interrupted) {
    fmt::print(stderr,
               "interrupted: {} run(s) stopped at their last finished epoch and marked interrupted; `{}` resumes "
               "them from their checkpoints and runs the rest\n",
               summary.interrupted, again);
    return kExitInterrupted;
  }
  fmt::print("next: jetstudy report {}{}\n", study.name,
             arguments.results.empty() ? "" : " --results " + arguments.results);
  if (summary.bad_input > 0) return kExitBadInput;
  return summary.failed + summary.interrupted > 0 ? kExitFailure : kExitSuccess;
}

}  // namespace

CommandAction define_run(CLI::App& command) {
  auto arguments = std::make_shared<RunArguments>();
  add_recipe_arguments(command, arguments->recipe);
  add_results_option(command, arguments->results);
  command.add_option("--backend", arguments->backend, "local, slurm or htcondor (docs/scheduler.md); default the recipe's run.backend")
      ->check(CLI::IsMember({"local", "slurm", "htcondor"}));
  command.add_option("--jobs,-j", arguments->jobs,
                     "runs at the same time: a number or auto (CPU cores; GPUs x slots for CUDA runs); default "
                     "the recipe's run.jobs");
  command.add_flag("--dry-run", arguments->dry_run, "show the plan, do nothing");
  command.add_flag("--force", arguments->force, "run again even runs that are done");
  return [arguments] { return run(*arguments); };
}

}  // namespace jetstudy::cli
