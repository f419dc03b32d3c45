#include "toolkit/sched/cluster_coordinator.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <set>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/sched/result_file.h"
#include "toolkit/sched/run_files.h"
#include "toolkit/sched/scheduler_ticket.h"

namespace jetstudy::sched {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::map<std::string, double> final_test_metrics(const store::RunOutcome& outcome) {
  std::map<std::string, double> metrics;
  for (const auto& metric : outcome.metrics)
    if (metric.split == "test" && !metric.epoch) metrics[metric.name] = metric.value;
  return metrics;
}

// results/batches/<study>-<UTC time>-<pid>: a name that sorts by time and is safe on any file system.
std::filesystem::path new_batch_directory(const ResultsLayout& layout, const std::string& study) {
  std::string name;
  for (const char c : study)
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  return std::filesystem::absolute(layout.root) / "batches" / (name + "-" + stamp + "-" + std::to_string(getpid()));
}

std::string run_name(const recipe::RunSpec& spec) {
  return spec.hash.substr(0, 12) + (spec.label.empty() ? "" : " " + spec.label) + " seed " + std::to_string(spec.seed);
}

}  // namespace

struct ClusterCoordinator::Outstanding {
  const PlannedRun* planned = nullptr;
  RunProgress progress;
  SchedulerTicket ticket;
  EpochsReader epochs;
  int epochs_total = 0;
  bool seen_running = false;
  Clock::time_point since = Clock::now();

  const std::string& hash() const { return planned->spec.hash; }
};

ClusterCoordinator::ClusterCoordinator(store::Store& store, ResultsLayout layout, ClusterBackend& backend,
                                       Status& status, store::RunEnvironment environment, ClusterOptions options)
    : store_(store),
      layout_(std::move(layout)),
      backend_(backend),
      status_(status),
      environment_(std::move(environment)),
      options_(std::move(options)) {}

ClusterSummary ClusterCoordinator::run(const recipe::Study& study, const Plan& plan, bool force) {
  store_.upsert_study(study.name, study.path.string(), study.config);
  for (const auto& planned : plan.runs)
    store_.add_run(study.name, planned.spec.hash, planned.spec.config, planned.spec.seed, planned.spec.point,
                   planned.spec.label);

  ClusterSummary summary;
  std::vector<Outstanding> outstanding, to_submit;
  std::map<std::string, std::map<int, TaskState>> earlier_jobs;  // tasks of earlier submissions, by job id
  const int total = plan.count_to_do();
  int index = 0;
  for (const auto& planned : plan.runs) {
    if (!planned.to_do) {
      ++summary.skipped;
      continue;
    }
    if (ingest_existing_result(store_, layout_, planned.spec, environment_, force)) {
      ++summary.ingested;
      continue;
    }
    const auto& spec = planned.spec;
    Outstanding run{&planned, RunProgress{++index, total, spec.hash, spec.label, spec.seed}, {},
                    EpochsReader(layout_.epochs_file(spec.hash))};
    if (spec.config.contains("train") && spec.config["train"].contains("epochs"))
      run.epochs_total = spec.config["train"]["epochs"].get<int>();
    // A task of an earlier `jetstudy run` that the scheduler still holds: wait for it instead of submitting again.
    const auto ticket = read_scheduler_ticket(scheduler_ticket_file(layout_, spec.hash));
    if (!force && ticket && ticket->backend == backend_.name()) {
      if (!earlier_jobs.count(ticket->job_id)) earlier_jobs[ticket->job_id] = backend_.task_states(ticket->job_id);
      const auto& tasks = earlier_jobs[ticket->job_id];
      const auto task = tasks.find(ticket->task);
      if (task != tasks.end() && !task->second.finished) {
        run.ticket = *ticket;
        store_.mark_running(spec.hash, environment_, force);
        status_.message(run.progress, "adopted " + backend_.name() + " task " + ticket->task_name() + " (" +
                                          task->second.state + ") from an earlier jetstudy run");
        ++summary.adopted;
        outstanding.push_back(std::move(run));
        continue;
      }
    }
    to_submit.push_back(std::move(run));
  }
  if (!to_submit.empty()) submit(study, to_submit, summary);
  for (auto& run : to_submit) outstanding.push_back(std::move(run));
  wait_for(outstanding, summary);
  return summary;
}

void ClusterCoordinator::submit(const recipe::Study& study, std::vector<Outstanding>& batch, ClusterSummary& summary) {
  const auto directory = new_batch_directory(layout_, study.name);
  std::filesystem::create_directories(directory);
  std::string runs_file_text;
  ClusterBatch submission{study.name, std::filesystem::absolute(layout_.root), directory, directory / "runs.txt", {},
                          options_.jetstudy_binary};
  for (const auto& run : batch) {
    const auto& spec = run.planned->spec;
    const auto run_directory = layout_.run_directory(spec.hash);
    std::filesystem::create_directories(run_directory);
    // What an earlier attempt left must not be read as this attempt's outcome; a checkpoint is resumed from
    // unless the user forces a fresh start.
    std::filesystem::remove(layout_.failure_file(spec.hash));
    std::filesystem::remove(layout_.stop_request(spec.hash));
    if (options_.rung_plan) prepare_rung_handshake(layout_, spec.hash, *options_.rung_plan);
    else std::filesystem::remove(layout_.asha_file(spec.hash));  // another study's: its worker would wait in vain
    if (run.planned->to_do && run.planned->stored_status == store::RunStatus::done)
      std::filesystem::remove(run_directory / "last.pt");
    core::write_file_atomically(run_directory / "recipe.json", spec.config.dump(2) + "\n");
    runs_file_text += spec.hash + "\n";
    submission.hashes.push_back(spec.hash);
  }
  core::write_file_atomically(submission.runs_file, runs_file_text);

  const std::string job_id = backend_.submit(submission);  // a refusal throws before anything is marked
  summary.job_ids.push_back(job_id);
  for (std::size_t task = 0; task < batch.size(); ++task) {
    auto& run = batch[task];
    run.ticket = SchedulerTicket{backend_.name(), job_id, static_cast<int>(task), directory};
    write_scheduler_ticket(scheduler_ticket_file(layout_, run.hash()), run.ticket);
    store_.mark_running(run.hash(), environment_, /*force=*/run.planned->stored_status == store::RunStatus::done);
    run.since = Clock::now();
  }
}

void ClusterCoordinator::wait_for(std::vector<Outstanding>& outstanding, ClusterSummary& summary) {
  int scheduler_failures = 0;
  while (true) {
    if (core::interrupt_requested()) {
      for (auto& run : outstanding) {
        store_.mark_interrupted(run.hash(), seconds_since(run.since));
        status_.run_finished(run.progress, "interrupted (" + backend_.name() + " task " + run.ticket.task_name() +
                                               " goes on; jetstudy run again to collect it)", {});
        ++summary.interrupted;
      }
      throw core::Interrupted();
    }
    std::erase_if(outstanding, [&](Outstanding& run) { return collect_files(run, summary); });
    if (outstanding.empty()) return;

    std::map<std::string, std::map<int, TaskState>> jobs;
    try {
      for (const auto& run : outstanding)
        if (!jobs.count(run.ticket.job_id)) jobs[run.ticket.job_id] = backend_.task_states(run.ticket.job_id);
      scheduler_failures = 0;
    } catch (const core::InputError&) {
      throw;
    } catch (const std::runtime_error&) {
      // A busy controller or a network hiccup: ask again at the next poll, give up after many in a row.
      if (++scheduler_failures > options_.scheduler_failures_tolerated) throw;
      options_.wait(options_.poll_interval);
      continue;
    }
    std::erase_if(outstanding, [&](Outstanding& run) {
      const auto& tasks = jobs[run.ticket.job_id];
      const auto task = tasks.find(run.ticket.task);
      if (task != tasks.end() && !task->second.finished) {
        if (!run.seen_running && (task->second.state == "RUNNING" || task->second.state == "running")) {
          run.seen_running = true;
          status_.run_started(run.progress);
        }
        return false;
      }
      // The task ended. Its result file was written before it exited, so a second look is final.
      if (collect_files(run, summary)) return true;
      finish_without_result(run, task == tasks.end() ? "unknown to the scheduler" : task->second.state, summary);
      return true;
    });
    if (!outstanding.empty()) options_.wait(options_.poll_interval);
  }
}

bool ClusterCoordinator::collect_files(Outstanding& run, ClusterSummary& summary) {
  const auto& spec = run.planned->spec;
  for (const auto& report : run.epochs.read_new()) {
    store_.record_epoch_metrics(spec.hash, epoch_metric_values(report));
    status_.epoch_finished(run.progress, report.epoch, run.epochs_total, report.values);
    if (judge_epoch_report(layout_, spec.hash, options_.rung_plan, options_.should_stop, report))
      status_.message(run.progress, "stopped after epoch " + std::to_string(report.epoch) + " (asha)");
  }
  if (const auto result = read_result_file(layout_.result_file(spec.hash)); result && result->hash == spec.hash) {
    store_.mark_done(spec.hash, result->outcome, result->duration_s);
    ++summary.done;
    status_.run_finished(run.progress, "done", final_test_metrics(result->outcome));
    return true;
  }
  const auto failure = read_failure_file(layout_.failure_file(spec.hash));
  // An interrupted attempt is not the end while its task lives: a requeued task resumes from its checkpoint.
  if (!failure || failure->kind == AttemptOutcome::interrupted) return false;
  store_.mark_failed(spec.hash, failure->error, failure->duration_s);
  ++summary.failed;
  if (failure->kind == AttemptOutcome::bad_input) summary.bad_input = true;
  summary.errors.push_back(run_name(spec) + ": " + failure->error);
  status_.run_finished(run.progress, "failed: " + failure->error, {});
  return true;
}

void ClusterCoordinator::finish_without_result(Outstanding& run, const std::string& state, ClusterSummary& summary) {
  const auto& spec = run.planned->spec;
  const std::string task = backend_.name() + " task " + run.ticket.task_name();
  const auto failure = read_failure_file(layout_.failure_file(spec.hash));
  if (failure && failure->kind == AttemptOutcome::interrupted) {
    store_.mark_interrupted(spec.hash, failure->duration_s);
    ++summary.interrupted;
    summary.errors.push_back(run_name(spec) + ": interrupted (" + task + " ended " + state +
                             "); jetstudy run again resumes it from its last checkpoint");
    status_.run_finished(run.progress, "interrupted", {});
    return;
  }
  const std::string error = task + " ended " + state + " without result.json or failure.json; its output is in " +
                            run.ticket.batch_directory.string();
  store_.mark_failed(spec.hash, error, seconds_since(run.since));
  ++summary.failed;
  summary.errors.push_back(run_name(spec) + ": " + error);
  status_.run_finished(run.progress, "failed: " + error, {});
}

}  // namespace jetstudy::sched
