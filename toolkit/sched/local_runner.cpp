#include "toolkit/sched/local_runner.h"

#include <chrono>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/sched/result_file.h"
#include "toolkit/sched/run_log_status.h"

namespace jetstudy::sched {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

LocalRunner::LocalRunner(store::Store& store, ResultsLayout layout, RunExecutor& executor, Status& status,
                         store::RunEnvironment environment)
    : store_(store), layout_(std::move(layout)), executor_(executor), status_(status), environment_(std::move(environment)) {}

RunSummary LocalRunner::run(const recipe::Study& study, const Plan& plan, bool force) {
  store_.upsert_study(study.name, study.path.string(), study.config);
  for (const auto& planned : plan.runs)
    store_.add_run(study.name, planned.spec.hash, planned.spec.config, planned.spec.seed, planned.spec.point,
                   planned.spec.label);

  RunSummary summary;
  const int total = plan.count_to_do();
  int index = 0;
  for (const auto& planned : plan.runs) {
    if (!planned.to_do) {
      ++summary.skipped;
      continue;
    }
    if (ingest_existing_result(planned, force)) {
      ++summary.ingested;
      continue;
    }
    const RunProgress progress{++index, total, planned.spec.hash, planned.spec.label, planned.spec.seed};
    execute_one(planned, progress, force, summary);
  }
  return summary;
}

bool LocalRunner::ingest_existing_result(const PlannedRun& planned, bool force) {
  const auto path = layout_.run_directory(planned.spec.hash) / "result.json";
  if (force) {
    std::filesystem::remove(path);
    return false;
  }
  const auto result = read_result_file(path);
  if (!result || result->hash != planned.spec.hash) return false;
  auto environment = environment_;
  environment.device = "(ingested from result.json)";
  store_.mark_running(planned.spec.hash, environment, /*force=*/false);
  store_.mark_done(planned.spec.hash, result->outcome, result->duration_s);
  return true;
}

void LocalRunner::execute_one(const PlannedRun& planned, const RunProgress& progress, bool force, RunSummary& summary) {
  const auto& spec = planned.spec;
  const auto directory = layout_.run_directory(spec.hash);
  std::filesystem::create_directories(directory);
  // A run that was interrupted or killed resumes from its last checkpoint; --force trains from scratch.
  if (force) std::filesystem::remove(directory / "last.pt");
  core::write_file_atomically(directory / "recipe.json", spec.config.dump(2) + "\n");
  RunLogStatus status(status_, directory / "log.txt");

  auto environment = environment_;
  environment.device = executor_.device_for(spec);  // a device this machine lacks is bad input: nothing marked yet
  store_.mark_running(spec.hash, environment, force);
  const auto started = std::chrono::steady_clock::now();
  try {
    status.run_started(progress);
    const auto outcome = executor_.execute(spec, directory, status, progress);
    const double duration = seconds_since(started);
    write_result_file(directory / "result.json", RunResult{spec.hash, outcome, duration});
    store_.mark_done(spec.hash, outcome, duration);
    ++summary.done;
    status.run_finished(progress, "done", final_test_metrics(outcome));
  } catch (const core::Interrupted&) {
    store_.mark_interrupted(spec.hash, seconds_since(started));
    status.run_finished(progress, "interrupted", {});
    throw;
  } catch (const core::InputError& error) {
    store_.mark_failed(spec.hash, error.what(), seconds_since(started));
    status.run_finished(progress, std::string("failed: ") + error.what(), {});
    throw;
  } catch (const std::exception& error) {
    store_.mark_failed(spec.hash, error.what(), seconds_since(started));
    ++summary.failed;
    summary.errors.push_back(spec.hash.substr(0, 12) + (spec.label.empty() ? "" : " " + spec.label) +
                             " seed " + std::to_string(spec.seed) + ": " + error.what());
    status.run_finished(progress, std::string("failed: ") + error.what(), {});
  }
}

}  // namespace jetstudy::sched
