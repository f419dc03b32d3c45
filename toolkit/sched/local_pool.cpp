#include "toolkit/sched/local_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <thread>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/sched/heartbeat.h"
#include "toolkit/sched/cost_estimate.h"
#include "toolkit/sched/result_file.h"
#include "toolkit/sched/run_files.h"

extern char** environ;

namespace jetstudy::sched {

struct LocalPool::Attempt {
  const PlannedRun* run = nullptr;
  double started_at = 0;
  EpochsReader epochs;
};

struct LocalPool::Worker {
  pid_t pid = -1;
  int to_worker = -1;    // the worker's stdin: one run hash per line
  int from_worker = -1;  // its stdout: "finished <hash> <outcome>" lines
  std::size_t slot = 0;  // its place in PoolOptions::slots (threads, GPU)
  std::string pending;   // bytes read but not yet a whole line
  std::optional<Attempt> attempt;
};

namespace {

std::string format_duration(double seconds) {
  const long long s = std::llround(std::max(0.0, seconds));
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

std::string describe_wait_status(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int signal_number = WTERMSIG(wait_status);
    return fmt::format("was killed by signal {} ({})", signal_number, sigabbrev_np(signal_number) ? sigabbrev_np(signal_number) : "?");
  }
  if (WIFEXITED(wait_status)) return fmt::format("exited with code {}", WEXITSTATUS(wait_status));
  return "stopped";
}

void append_to_log(const std::filesystem::path& log, const std::string& line) {
  std::ofstream(log, std::ios::app) << line << "\n";
}

}  // namespace

std::string format_pool_progress(const PoolProgress& progress) {
  std::string line = fmt::format("[{}/{}] running {}, failed {}", progress.finished, progress.total, progress.running,
                                 progress.failed);
  if (!progress.best_metric.empty())
    line += fmt::format(", best {} {:.4g} ({})", progress.best_metric, progress.best_value, progress.best_label);
  if (progress.eta_s) line += ", ETA " + format_duration(*progress.eta_s);
  return line;
}

LocalPool::LocalPool(store::Store& store, ResultsLayout layout, PoolOptions options, PoolStatus& status,
                     store::RunEnvironment environment)
    : store_(store), layout_(std::move(layout)), options_(std::move(options)), status_(status),
      environment_(std::move(environment)) {
  JETSTUDY_CHECK(!options_.worker_command.empty(), "LocalPool: no worker command");
  JETSTUDY_CHECK(!options_.slots.empty(), "LocalPool: no worker slots");
  // A worker that died leaves a pipe without reader: writing to it must fail with EPIPE, not kill us.
  ::signal(SIGPIPE, SIG_IGN);
}

LocalPool::~LocalPool() {
  // Normally every worker has been told to stop and reaped; after an exception, stop them here.
  for (auto& worker : workers_) {
    if (!worker || worker->pid < 0) continue;
    if (worker->to_worker >= 0) ::close(worker->to_worker);
    ::close(worker->from_worker);
    if (worker->attempt) ::kill(worker->pid, SIGTERM);
    ::waitpid(worker->pid, nullptr, 0);
  }
}

std::string LocalPool::describe(const PlannedRun& planned) const {
  const auto& spec = planned.spec;
  return spec.hash.substr(0, 12) + (spec.label.empty() ? "" : " " + spec.label) + " seed " + std::to_string(spec.seed);
}

void LocalPool::prepare(const PlannedRun& planned) {
  const auto& spec = planned.spec;
  const auto directory = layout_.run_directory(spec.hash);
  std::filesystem::create_directories(directory);
  // A run that was interrupted or killed resumes from its last checkpoint; --force trains from scratch.
  if (options_.force) {
    std::filesystem::remove(directory / "last.pt");
    std::filesystem::remove(layout_.epochs_file(spec.hash));
    std::filesystem::remove(layout_.stop_request(spec.hash));
  }
  std::filesystem::remove(layout_.failure_file(spec.hash));
  // A run's directory is shared by every study that trains it: an asha.json of another study must not make
  // this one's worker wait for verdicts.
  if (options_.rung_plan) prepare_rung_handshake(layout_, spec.hash, *options_.rung_plan);
  else std::filesystem::remove(layout_.asha_file(spec.hash));
  core::write_file_atomically(directory / "recipe.json", spec.config.dump(2) + "\n");
}

void LocalPool::spawn(std::size_t slot) {
  const auto& where = options_.slots.at(slot);
  std::vector<std::string> arguments = options_.worker_command;
  arguments.insert(arguments.end(), {"--results", layout_.root.string(), "--serve"});
  if (where.threads > 0) arguments.insert(arguments.end(), {"--threads", std::to_string(where.threads)});
  // Everything the child needs is built before fork(): between fork and exec only async-signal-safe calls.
  std::vector<std::string> environment;
  for (char** entry = environ; *entry; ++entry)
    if (std::strncmp(*entry, "CUDA_VISIBLE_DEVICES=", 21) != 0) environment.emplace_back(*entry);
  if (where.gpu) environment.push_back("CUDA_VISIBLE_DEVICES=" + std::to_string(*where.gpu));
  std::vector<char*> argv, envp;
  for (auto& argument : arguments) argv.push_back(argument.data());
  for (auto& entry : environment) envp.push_back(entry.data());
  argv.push_back(nullptr);
  envp.push_back(nullptr);

  int to_child[2], from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("cannot create a pipe for a worker: ") + std::strerror(errno));
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("cannot start a worker: fork: ") + std::strerror(errno));
  if (pid == 0) {
    // The worker stops (SIGTERM: an interrupt, checkpointed) when the coordinator dies, however it dies.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(75);
    ::dup2(to_child[0], STDIN_FILENO);
    ::dup2(from_child[1], STDOUT_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  Worker worker;
  worker.pid = pid;
  worker.slot = slot;
  worker.to_worker = to_child[1];
  worker.from_worker = from_child[0];
  workers_.at(slot) = std::move(worker);
}

void LocalPool::dispatch(Worker& worker, const PlannedRun& planned) {
  const auto& spec = planned.spec;
  auto environment = environment_;
  const auto& gpu = options_.slots.at(worker.slot).gpu;
  environment.device = gpu ? fmt::format("cuda:{} (CUDA_VISIBLE_DEVICES={})", *gpu, *gpu)
                           : options_.device_for ? options_.device_for(spec) : "cpu";
  // The claim is this process's: if the coordinator dies, its workers stop too (PDEATHSIG), so the next
  // coordinator finds the run orphaned and, once no heartbeat of it is live, takes it over.
  store_.mark_running(spec.hash, environment, options_.force);
  ++tries_[spec.hash];
  worker.attempt = Attempt{&planned, unix_now(), EpochsReader(layout_.epochs_file(spec.hash))};
  // A worker that died before it took the run fails this write (EPIPE); its exit is handled when its output
  // pipe reports the end, and the run goes back to the queue there.
  const std::string line = spec.hash + "\n";
  [[maybe_unused]] const auto written = ::write(worker.to_worker, line.data(), line.size());
}

void LocalPool::read_epochs(Attempt& attempt) {
  const auto& spec = attempt.run->spec;
  for (const auto& report : attempt.epochs.read_new()) {
    const auto metrics = epoch_metric_values(report);
    if (!metrics.empty()) store_.record_epoch_metrics(spec.hash, metrics);
    for (const auto& [metric, maximise] : {std::pair<std::string, bool>{"val_auc", true}, {"val_loss", false}}) {
      const auto found = report.values.find(metric);
      if (found == report.values.end()) continue;
      if (metric == "val_loss" && progress_.best_metric == "val_auc") break;  // auc wins once seen
      const bool better = progress_.best_metric != metric ||
                          (maximise ? found->second > progress_.best_value : found->second < progress_.best_value);
      if (better) {
        progress_.best_metric = metric;
        progress_.best_value = found->second;
        progress_.best_label = (spec.label.empty() ? spec.hash.substr(0, 12) : spec.label) + " seed=" +
                               std::to_string(spec.seed);
      }
      break;
    }
    if (judge_epoch_report(layout_, spec.hash, options_.rung_plan, options_.should_stop, report))
      status_.message(fmt::format("run {}: stopped after epoch {} (asha)", describe(*attempt.run), report.epoch));
  }
}

bool LocalPool::requeue(const PlannedRun& planned, const std::string& why) {
  const int tries = tries_[planned.spec.hash];
  if (interrupting_ || tries >= 1 + options_.retries) return false;
  status_.message(fmt::format("run {}: {} (attempt {} of {}); trying again", describe(planned), why, tries,
                              1 + options_.retries));
  append_to_log(layout_.run_directory(planned.spec.hash) / "log.txt",
                fmt::format("attempt {} of {}: {}; trying again", tries, 1 + options_.retries, why));
  queue_.push_back(&planned);
  return true;
}

bool LocalPool::store_result_file(const std::string& hash) {
  const auto result = read_result_file(layout_.result_file(hash));
  if (!result || result->hash != hash) return false;
  store_.mark_done(hash, result->outcome, result->duration_s);
  count_done(result->duration_s);
  return true;
}

void LocalPool::count_done(double duration_s) {
  ++summary_.done;
  ++progress_.finished;
  run_durations_.push_back(duration_s);
}

void LocalPool::count_failed(const PlannedRun& planned, const std::string& why, int& counter) {
  ++counter;
  ++progress_.failed;
  ++progress_.finished;
  summary_.errors.push_back(describe(planned) + ": " + why);
  status_.message(fmt::format("run {}: {}", describe(planned), why));
}

void LocalPool::finish_attempt(Worker& worker, const std::string& outcome_text) {
  Attempt attempt = std::move(*worker.attempt);
  worker.attempt.reset();
  read_epochs(attempt);
  const auto& planned = *attempt.run;
  const auto& hash = planned.spec.hash;
  const double duration = std::max(0.0, unix_now() - attempt.started_at);
  AttemptOutcome outcome = AttemptOutcome::failed;
  try {
    outcome = parse_attempt_outcome(outcome_text);
  } catch (const core::InputError&) {
  }

  if (outcome == AttemptOutcome::done) {
    std::string why = "the worker said done but left no result.json";
    try {
      if (store_result_file(hash)) return;
    } catch (const core::InputError& error) {
      why = error.what();
    }
    store_.mark_failed(hash, why, duration);
    if (!requeue(planned, why)) count_failed(planned, "failed: " + why, summary_.failed);
    return;
  }

  if (outcome == AttemptOutcome::interrupted) {
    store_.mark_interrupted(hash, duration);
    if (!requeue(planned, "interrupted")) ++summary_.interrupted;
    return;
  }

  std::string error = "the worker reported " + outcome_text + " without a failure.json";
  try {
    if (const auto failure = read_failure_file(layout_.failure_file(hash))) error = failure->error;
  } catch (const core::InputError& unreadable) {
    error = unreadable.what();
  }
  store_.mark_failed(hash, error, duration);
  if (outcome == AttemptOutcome::bad_input) {
    count_failed(planned, "bad input: " + error, summary_.bad_input);  // the same input fails the same way again
    return;
  }
  if (!requeue(planned, "failed: " + error)) count_failed(planned, "failed: " + error, summary_.failed);
}

void LocalPool::worker_exited(Worker& worker, int wait_status) {
  if (!worker.attempt) return;
  Attempt attempt = std::move(*worker.attempt);
  worker.attempt.reset();
  read_epochs(attempt);
  const auto& planned = *attempt.run;
  const auto& hash = planned.spec.hash;
  // It may have finished the run and died before saying so.
  try {
    if (store_result_file(hash)) return;
  } catch (const core::InputError&) {
  }
  const auto why = fmt::format("worker {} {} during the run", worker.pid, describe_wait_status(wait_status));
  store_.mark_interrupted(hash, std::max(0.0, unix_now() - attempt.started_at));
  append_to_log(layout_.run_directory(hash) / "log.txt", why + "; marked interrupted");
  if (requeue(planned, why)) return;
  if (interrupting_) {
    ++summary_.interrupted;
    return;
  }
  ++summary_.interrupted;
  summary_.errors.push_back(describe(planned) + ": " + why);
  status_.message(fmt::format("run {}: {}; giving up after {} attempts", describe(planned), why, tries_[hash]));
}

void LocalPool::read_from(Worker& worker) {
  char buffer[4096];
  const ssize_t got = ::read(worker.from_worker, buffer, sizeof buffer);
  if (got < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (got > 0) {
    worker.pending.append(buffer, static_cast<std::size_t>(got));
    for (auto newline = worker.pending.find('\n'); newline != std::string::npos; newline = worker.pending.find('\n')) {
      const std::string line = worker.pending.substr(0, newline);
      worker.pending.erase(0, newline + 1);
      // "finished <hash> <outcome>"
      const auto first = line.find(' '), second = line.rfind(' ');
      if (line.rfind("finished ", 0) != 0 || first == second || !worker.attempt) continue;
      if (line.substr(first + 1, second - first - 1) != worker.attempt->run->spec.hash) continue;
      finish_attempt(worker, line.substr(second + 1));
    }
    return;
  }
  // End of its output: the worker exited (or was killed).
  int wait_status = 0;
  ::waitpid(worker.pid, &wait_status, 0);
  if (worker.to_worker >= 0) ::close(worker.to_worker);
  ::close(worker.from_worker);
  worker.to_worker = worker.from_worker = -1;
  worker_exited(worker, wait_status);
  worker.pid = -1;
}

void LocalPool::show_progress() {
  progress_.running = static_cast<int>(
      std::count_if(workers_.begin(), workers_.end(), [](const auto& worker) { return worker && worker->attempt; }));
  // The median run (robust to the first runs, which also build the dataset) times the runs left, over the workers.
  const int remaining = progress_.total - progress_.finished;
  if (!run_durations_.empty())
    progress_.eta_s = median(run_durations_) * remaining / static_cast<double>(options_.slots.size());
  status_.progress(progress_);
}

PoolSummary LocalPool::run(const recipe::Study& study, const Plan& plan) {
  store_.upsert_study(study.name, study.path.string(), study.config);
  for (const auto& planned : plan.runs)
    store_.add_run(study.name, planned.spec.hash, planned.spec.config, planned.spec.seed, planned.spec.point,
                   planned.spec.label);
  summary_ = PoolSummary{};
  progress_ = PoolProgress{};
  for (const auto& planned : plan.runs) {
    if (!planned.to_do) {
      ++summary_.skipped;
      continue;
    }
    if (ingest_existing_result(store_, layout_, planned.spec, environment_, options_.force)) {
      ++summary_.ingested;
      continue;
    }
    prepare(planned);
    queue_.push_back(&planned);
  }
  progress_.total = static_cast<int>(queue_.size());
  workers_.clear();
  workers_.resize(options_.slots.size());

  auto busy = [&] {
    return std::any_of(workers_.begin(), workers_.end(), [](const auto& worker) { return worker && worker->attempt; });
  };
  std::size_t next = 0;  // queue_[next] is the next run to hand out
  for (;;) {
    if (!interrupting_ && core::interrupt_requested()) {
      interrupting_ = true;
      summary_.was_interrupted = true;
      status_.message("interrupted: stopping the workers at their next batch");
      // Ctrl-C reached the workers with us (one process group); SIGTERM reaches them when only we were signalled.
      for (auto& worker : workers_)
        if (worker && worker->attempt) ::kill(worker->pid, SIGTERM);
    }
    // Hand out runs; start workers where needed (at first, and in place of one that died).
    for (std::size_t slot = 0; slot < workers_.size() && !interrupting_ && next < queue_.size(); ++slot) {
      if (!workers_[slot] || workers_[slot]->pid < 0) spawn(slot);
      if (!workers_[slot]->attempt) dispatch(*workers_[slot], *queue_[next++]);
    }
    // Idle workers are told there is no more work (end of their stdin): they exit.
    if (interrupting_ || next >= queue_.size()) {
      for (auto& worker : workers_)
        if (worker && worker->pid > 0 && !worker->attempt && worker->to_worker >= 0) {
          ::close(worker->to_worker);
          worker->to_worker = -2;  // closed; its output end is read until the worker exits
        }
    }
    if (!busy() && (interrupting_ || next >= queue_.size())) break;

    std::vector<pollfd> fds;
    std::vector<std::size_t> slots_polled;
    for (std::size_t slot = 0; slot < workers_.size(); ++slot) {
      if (!workers_[slot] || workers_[slot]->pid < 0) continue;
      fds.push_back(pollfd{workers_[slot]->from_worker, POLLIN, 0});
      slots_polled.push_back(slot);
    }
    const int ready = ::poll(fds.data(), fds.size(), options_.poll_interval_ms);
    if (ready < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    for (std::size_t i = 0; ready > 0 && i < fds.size(); ++i)
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) read_from(*workers_[slots_polled[i]]);
    for (auto& worker : workers_)
      if (worker && worker->attempt) read_epochs(*worker->attempt);
    show_progress();
  }

  // Reap the workers that are still shutting down (their stdin is closed: they exit on their own).
  for (auto& worker : workers_) {
    if (!worker || worker->pid < 0) continue;
    if (worker->to_worker >= 0) ::close(worker->to_worker);
    ::close(worker->from_worker);
    ::waitpid(worker->pid, nullptr, 0);
  }
  workers_.clear();
  // Runs never handed out before an interrupt stay as they are (pending, failed or interrupted): to do next time.
  show_progress();
  return summary_;
}

int wait_for_live_runs(const store::Store& store, const ResultsLayout& layout, const recipe::Study& study,
                       PoolStatus& status) {
  const auto host = this_host_name();
  std::set<std::string> waited;
  for (;;) {
    std::vector<std::string> live;
    for (const auto& spec : study.runs) {
      if (store.run_status(spec.hash) != store::RunStatus::running) continue;
      const auto heartbeat = read_heartbeat(layout.heartbeat_file(spec.hash));
      if (heartbeat && heartbeat_is_live(*heartbeat, host, unix_now(), store::process_exists)) {
        live.push_back(spec.hash);
        if (waited.insert(spec.hash).second)
          status.message(fmt::format("run {} is still being trained by process {} (epoch {}); waiting for it",
                                     spec.hash.substr(0, 12), heartbeat->pid, heartbeat->epoch));
      }
    }
    if (live.empty()) return static_cast<int>(waited.size());
    core::throw_if_interrupted();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace jetstudy::sched
