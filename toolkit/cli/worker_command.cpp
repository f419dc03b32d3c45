// `jetstudy worker`: what the backends launch to execute runs (docs/scheduler.md, the worker protocol). It reads
// each run's resolved recipe from results/runs/<hash>/recipe.json and reports only through files there; it never
// writes the database.
//   jetstudy worker --results ROOT --run HASH [--threads N]           one run
//   jetstudy worker --results ROOT --runs-file FILE --index I          the run on line I (0-based) of FILE
//   jetstudy worker --results ROOT --serve [--threads N]               the local pool: hashes on stdin
// Exit codes: 0 done, 1 failed, 2 bad input, 75 interrupted (SIGINT, SIGTERM or SIGUSR1: checkpointed at the last
// finished epoch, "requeue me").
#include <fmt/format.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>

#include "experiments/experiment_executor.h"
#include "toolkit/cli/subcommand.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/sched/run_files.h"
#include "toolkit/sched/worker.h"

namespace jetstudy::cli {
namespace {

struct WorkerArguments {
  std::string results;
  std::string run;
  std::string runs_file;
  int index = -1;
  bool serve = false;
  int threads = 0;
};

// Every stop signal asks for an interrupt and nothing more: the coordinator may forward a SIGTERM after the
// terminal's SIGINT, and a batch system sends SIGUSR1 then SIGTERM; none of them may kill the worker before it
// has checkpointed and reported.
extern "C" void on_stop_signal(int) { core::request_interrupt(); }

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (const int signal_number : {SIGINT, SIGTERM, SIGUSR1}) ::sigaction(signal_number, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a coordinator that died closes our stdout; writing to it must not kill us
}

std::string run_on_line(const std::string& runs_file, int index) {
  std::ifstream in(runs_file);
  if (!in) throw core::InputError(runs_file + ": cannot open the runs file");
  std::string line;
  for (int i = 0; std::getline(in, line); ++i)
    if (i == index) return line;
  throw core::InputError(fmt::format("{}: no line {} (0-based) in the runs file", runs_file, index));
}

int work(const WorkerArguments& arguments) {
  const int modes = !arguments.run.empty() + !arguments.runs_file.empty() + arguments.serve;
  if (modes != 1) throw core::InputError("jetstudy worker: give exactly one of --run HASH, --runs-file FILE --index I, --serve");
  if (!arguments.runs_file.empty() && arguments.index < 0)
    throw core::InputError("jetstudy worker: --runs-file needs --index I (0-based)");
  const auto root = sched::default_results_root(arguments.results);
  const sched::ResultsLayout layout{root};
  install_stop_handlers();
  experiments::ExperimentExecutor executor(layout.cache());
  sched::WorkerSettings settings;
  if (arguments.threads > 0) settings.threads = arguments.threads;
  sched::QuietStatus quiet;  // the run's log.txt has everything; the coordinator draws the progress line

  if (arguments.serve) return sched::serve_runs(layout, executor, settings, std::cin, std::cout, quiet);
  const auto hash = arguments.run.empty() ? run_on_line(arguments.runs_file, arguments.index) : arguments.run;
  const auto outcome = sched::execute_run(layout, hash, executor, settings, quiet);
  if (outcome != sched::AttemptOutcome::done) {
    if (const auto failure = sched::read_failure_file(layout.failure_file(hash)))
      fmt::print(stderr, "run {}: {}: {}\n", hash.substr(0, 12), sched::to_string(outcome), failure->error);
  }
  return sched::exit_code(outcome);
}

}  // namespace

CommandAction define_worker(CLI::App& command) {
  auto arguments = std::make_shared<WorkerArguments>();
  add_results_option(command, arguments->results);
  command.add_option("--run", arguments->run, "execute the run with this hash");
  command.add_option("--runs-file", arguments->runs_file, "a file of run hashes, one per line (job arrays)");
  command.add_option("--index", arguments->index, "with --runs-file: the 0-based line to execute");
  command.add_flag("--serve", arguments->serve, "read run hashes from stdin, one per line (the local pool)");
  command.add_option("--threads", arguments->threads, "intra-op threads for runs whose train.threads is auto")
      ->check(CLI::PositiveNumber);
  return [arguments] { return work(*arguments); };
}

}  // namespace jetstudy::cli
