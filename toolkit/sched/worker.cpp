#include "toolkit/sched/worker.h"

#include <fmt/format.h>

#include <chrono>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/recipe/run_identity.h"
#include "toolkit/sched/heartbeat.h"
#include "toolkit/sched/result_file.h"
#include "toolkit/sched/run_log_status.h"

namespace jetstudy::sched {
namespace {

// Tells the coordinator what the run does while it runs: epochs.jsonl after each epoch, the heartbeat's epoch.
class ReportingStatus : public Status {
 public:
  ReportingStatus(Status& inner, std::filesystem::path epochs_file, HeartbeatWriter& heartbeat)
      : inner_(inner), epochs_file_(std::move(epochs_file)), heartbeat_(heartbeat) {}
  void run_started(const RunProgress& run) override { inner_.run_started(run); }
  void message(const RunProgress& run, const std::string& text) override { inner_.message(run, text); }
  void epoch_finished(const RunProgress& run, int epoch, int epochs, const std::map<std::string, double>& values) override {
    append_epoch_report(epochs_file_, EpochReport{epoch, values});
    heartbeat_.set_epoch(epoch);
    inner_.epoch_finished(run, epoch, epochs, values);
  }
  void run_finished(const RunProgress& run, const std::string& outcome, const std::map<std::string, double>& metrics) override {
    inner_.run_finished(run, outcome, metrics);
  }

 private:
  Status& inner_;
  std::filesystem::path epochs_file_;
  HeartbeatWriter& heartbeat_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

recipe::RunSpec read_run_recipe(const ResultsLayout& layout, const std::string& hash) {
  const auto path = layout.run_directory(hash) / "recipe.json";
  if (!std::filesystem::exists(path))
    throw core::InputError(path.string() + ": no resolved recipe for run " + hash +
                           " (the coordinator writes it before it hands the run to a worker)");
  recipe::RunSpec spec;
  try {
    spec.config = nlohmann::json::parse(core::read_file(path));
    spec.seed = spec.config.at("seed").get<std::int64_t>();
  } catch (const nlohmann::json::exception& error) {
    throw core::InputError(path.string() + ": corrupt resolved recipe: " + error.what());
  }
  spec.hash = recipe::run_identity(spec.config);
  if (spec.hash != hash)
    throw core::InputError(fmt::format("{}: the recipe is run {}'s, not {}'s", path.string(), spec.hash, hash));
  return spec;
}

AttemptOutcome execute_run(const ResultsLayout& layout, const std::string& hash, RunExecutor& executor,
                           const WorkerSettings& settings, Status& status) {
  const auto directory = layout.run_directory(hash);
  std::filesystem::create_directories(directory);
  const auto started = std::chrono::steady_clock::now();
  RunLogStatus log(status, directory / "log.txt");
  RunProgress progress{1, 1, hash, "", 0};
  auto fail = [&](AttemptOutcome kind, const std::string& error) {
    write_failure_file(layout.failure_file(hash), RunFailure{hash, error, kind, seconds_since(started)});
    log.run_finished(progress, kind == AttemptOutcome::interrupted ? "interrupted" : "failed: " + error, {});
    return kind;
  };

  recipe::RunSpec spec;
  try {
    spec = read_run_recipe(layout, hash);
  } catch (const core::InputError& error) {
    return fail(AttemptOutcome::bad_input, error.what());
  }
  progress.seed = spec.seed;
  auto& threads = spec.config["train"]["threads"];
  if (settings.threads && threads.is_string() && threads.get<std::string>() == "auto") threads = *settings.threads;

  HeartbeatWriter heartbeat(layout.heartbeat_file(hash), hash);
  ReportingStatus reporting(log, layout.epochs_file(hash), heartbeat);
  try {
    core::throw_if_interrupted();
    reporting.run_started(progress);
    if (std::filesystem::exists(directory / "last.pt"))
      reporting.message(progress, "resuming from last.pt (a previous attempt was interrupted or killed)");
    const auto outcome = executor.execute(spec, directory, reporting, progress);
    write_result_file(layout.result_file(hash), RunResult{hash, outcome, seconds_since(started)});
    reporting.run_finished(progress, "done", final_test_metrics(outcome));
    return AttemptOutcome::done;
  } catch (const core::Interrupted&) {
    return fail(AttemptOutcome::interrupted, "interrupted");
  } catch (const core::InputError& error) {
    return fail(AttemptOutcome::bad_input, error.what());
  } catch (const std::exception& error) {
    return fail(AttemptOutcome::failed, error.what());
  }
}

int serve_runs(const ResultsLayout& layout, RunExecutor& executor, const WorkerSettings& settings, std::istream& in,
               std::ostream& out, Status& status) {
  std::string hash;
  while (!core::interrupt_requested() && std::getline(in, hash)) {
    if (hash.empty()) continue;
    const auto outcome = execute_run(layout, hash, executor, settings, status);
    out << "finished " << hash << " " << to_string(outcome) << std::endl;
    if (outcome == AttemptOutcome::interrupted) return exit_code(outcome);
  }
  return core::interrupt_requested() ? exit_code(AttemptOutcome::interrupted) : 0;
}

}  // namespace jetstudy::sched
