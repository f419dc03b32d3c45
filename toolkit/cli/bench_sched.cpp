#include "toolkit/cli/bench_sched.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "experiments/study_components.h"
#include "toolkit/cli/bench_peers.h"
#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/recipe/study.h"
#include "toolkit/sched/plan.h"
#include "toolkit/sched/result_file.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/sched/shell_quote.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The runs of every measurement: top against QCD from the built-in generator, a binned likelihood ratio of mass
// and tau32 (fitted in one pass, so a run lasts a fraction of a second once the dataset is cached).
constexpr const char* kRecipeBody = R"(data:
  source: {{kind: generator, signal: top, background: qcd, jets: 600, pt: [350, 450]}}
  jets: {{algorithm: antikt, R: 1.5, groom: {{trim: {{R: 0.2, fcut: 0.05}}}}}}
  select: {{pt: [300, 500]}}
  split: {{train: 0.6, val: 0.2, test: 0.2}}
  observers: [mass, pt, tau21, tau32]
images: {{size: [16, 16]}}
experiment: classify
model: {{arch: likelihood, inputs: [mass, tau32], bins: 8}}
train: {{epochs: 1, device: cpu, threads: 1}}
evaluate: [auc, rejection@0.3]
)";

// A 10 x 10 x 10 grid (learning rate, batch, likelihood bins) times `seeds` seeds.
struct PlannedSweep {
  std::vector<double> rates;
  std::vector<int> batches, bins;
  int seeds = 0;
  int runs() const { return static_cast<int>(rates.size() * batches.size() * bins.size()) * seeds; }
};

PlannedSweep planned_sweep(int seeds) {
  PlannedSweep sweep;
  sweep.seeds = seeds;
  for (int i = 0; i < 10; ++i) {
    sweep.rates.push_back(1e-4 * (i + 1));
    sweep.batches.push_back(32 * (i + 1));
    sweep.bins.push_back(4 + i);
  }
  return sweep;
}

std::string yaml_list(const auto& values) { return fmt::format("[{}]", fmt::join(values, ", ")); }

std::filesystem::path write_recipe(const std::filesystem::path& directory, const std::string& study,
                                   const std::string& sweep) {
  const auto path = directory / (study + ".yaml");
  core::write_file_atomically(path, fmt::format("study: {}\n", study) + fmt::format(kRecipeBody) + sweep);
  return path;
}

// A figure whose goal is an absolute limit (lower is better): ratio = value / target, goal ratio <= 1.
core::BenchFigure against_target(const std::string& what, double value, const std::string& unit, double target) {
  return {what, value, unit, fmt::format("target {:g} {}", target, unit), target, 1.0, true};
}

// --- planning ---------------------------------------------------------------------------------------------

std::vector<core::BenchFigure> planning_figures(const std::filesystem::path& scratch, int seeds, nlohmann::json& notes) {
  const auto sweep = planned_sweep(seeds);
  std::vector<int> seed_list;
  for (int seed = 1; seed <= seeds; ++seed) seed_list.push_back(seed);
  const auto recipe = write_recipe(
      scratch, "bench-plan",
      fmt::format("sweep:\n  grid: {{train.optimizer.lr: {}, train.batch: {}, model.bins: {}}}\n  seeds: {}\n",
                  yaml_list(sweep.rates), yaml_list(sweep.batches), yaml_list(sweep.bins), yaml_list(seed_list)));
  auto store = store::Store::open(scratch / "plan.sqlite");
  const auto start = Clock::now();
  const auto study = recipe::load_study(recipe, {}, experiments::study_components());
  const auto plan = sched::make_plan(study, store, false);
  const double seconds = seconds_since(start);
  if (plan.count_to_do() != sweep.runs())
    throw std::runtime_error(fmt::format("bench sched: planned {} runs, expected {}", plan.count_to_do(), sweep.runs()));
  notes.push_back(fmt::format("plan: {} runs (load, validate, expand, hash, plan against an empty store) in {:.3f} s",
                              plan.runs.size(), seconds));

  std::vector<core::BenchFigure> figures{
      against_target(fmt::format("plan a {}-run sweep", plan.runs.size()), seconds, "s", 1.0)};
  const nlohmann::json grid = {{"train.optimizer.lr", sweep.rates}, {"train.batch", sweep.batches}, {"model.bins", sweep.bins}};
  const auto peer = run_peer_script("sched_python.py", "plan " + sched::shell_quote(grid.dump()) + " " + std::to_string(seeds),
                                    "seconds", "python3");
  if (peer.ran) {
    const double peer_seconds = peer.json["seconds"].get<double>();
    figures.push_back({fmt::format("plan a {}-run sweep", plan.runs.size()), seconds, "s",
                       "Python itertools.product + json + SHA-256 (no validation)", peer_seconds, 0, true});
  } else {
    notes.push_back("plan: Python peer skipped: " + peer.why_not);
  }
  return figures;
}

// --- dispatch -----------------------------------------------------------------------------------------------

// This binary with `arguments` (already shell-quoted), its output discarded; the exit code.
int run_self(const std::string& arguments) {
  const auto binary = std::filesystem::read_symlink("/proc/self/exe");  // in the shell, /proc/self is the shell
  const std::string command = fmt::format("{} {} >/dev/null 2>&1", sched::shell_quote(binary.string()), arguments);
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::vector<core::BenchFigure> dispatch_figures(const std::filesystem::path& scratch, int runs, int jobs,
                                                nlohmann::json& notes) {
  std::vector<int> seeds;
  for (int seed = 1; seed <= runs; ++seed) seeds.push_back(seed);
  const auto recipe = write_recipe(scratch, "bench-dispatch", fmt::format("sweep: {{seeds: {}}}\n", yaml_list(seeds)));
  const auto results = scratch / "dispatch-results";
  const auto arguments = fmt::format("{} --results {}", sched::shell_quote(recipe.string()), sched::shell_quote(results.string()));
  // The dataset is built first, untimed: the overhead is what the pool adds to each run, not the generator's work.
  if (const int code = run_self("dataset build " + arguments); code != 0)
    throw std::runtime_error(fmt::format("bench sched: `jetstudy dataset build` exited with {}", code));
  const auto start = Clock::now();
  if (const int code = run_self(fmt::format("run {} --jobs {}", arguments, jobs)); code != 0)
    throw std::runtime_error(fmt::format("bench sched: `jetstudy run` exited with {}", code));
  const double wall = seconds_since(start);

  const auto store = store::Store::open(sched::ResultsLayout{results}.database());
  double busy = 0;
  int done = 0;
  for (const auto& run : store.runs_of_study("bench-dispatch")) {
    if (run.status != store::RunStatus::done || !run.duration_s) continue;
    busy += *run.duration_s;
    ++done;
  }
  if (done != runs) throw std::runtime_error(fmt::format("bench sched: {} of {} runs done", done, runs));
  const double overhead = std::max(0.0, (wall - busy / jobs) / runs);
  notes.push_back(fmt::format("dispatch: {} runs on {} workers in {:.2f} s wall, {:.2f} s inside the runs: "
                              "(wall - busy / workers) / runs = {:.1f} ms per run",
                              runs, jobs, wall, busy, 1e3 * overhead));
  return {against_target("dispatch overhead per run (local pool)", 1e3 * overhead, "ms", 100)};
}

// --- ingestion ------------------------------------------------------------------------------------------------

std::vector<core::BenchFigure> ingest_figures(const std::filesystem::path& scratch, int runs, int metrics_per_run,
                                              nlohmann::json& notes) {
  const sched::ResultsLayout layout{scratch / "ingest-results"};
  auto store = store::Store::open(layout.database());
  store.upsert_study("bench-ingest", "", nlohmann::json::object());
  std::vector<std::string> hashes;
  for (int run = 0; run < runs; ++run) {
    const auto hash = fmt::format("{:064x}", run + 1);
    store::RunOutcome outcome;
    const int epochs = std::max(1, metrics_per_run / 4);
    for (int row = 0; row < metrics_per_run; ++row) {
      static const char* const kNames[] = {"loss", "auc", "accuracy", "learning_rate"};
      outcome.metrics.push_back({row % 4 == 0 ? "train" : "val", kNames[row % 4], 0.5 + 1e-6 * row,
                                 row / 4 < epochs ? std::optional<int>(row / 4 + 1) : std::nullopt});
    }
    std::filesystem::create_directories(layout.run_directory(hash));
    sched::write_result_file(layout.result_file(hash), {hash, outcome, 1.0});
    store.add_run("bench-ingest", hash, {{"run", run}}, run, nlohmann::json::object(), "");
    store.mark_running(hash, store::RunEnvironment{"local", "bench", "cpu", "", false, nlohmann::json::object()});
    hashes.push_back(hash);
  }
  // What the coordinator does with each finished run: read its result.json and store it in one transaction.
  const auto start = Clock::now();
  for (const auto& hash : hashes) {
    const auto result = sched::read_result_file(layout.result_file(hash));
    store.mark_done(hash, result->outcome, result->duration_s);
  }
  const double seconds = seconds_since(start);
  const long rows = static_cast<long>(runs) * metrics_per_run;
  notes.push_back(fmt::format("ingest: {} result.json files, {} metric rows, read and stored in {:.2f} s", runs, rows,
                              seconds));
  const auto what = fmt::format("ingest {:.1f}M metric rows", rows / 1e6);
  std::vector<core::BenchFigure> figures{against_target(what, seconds, "s", 5.0)};
  const auto peer = run_peer_script("sched_python.py", "ingest " + sched::shell_quote(layout.root.string()), "seconds", "python3");
  if (peer.ran)
    figures.push_back({what, seconds, "s", "Python json + sqlite3 executemany (metrics table only)",
                       peer.json["seconds"].get<double>(), 0, true});
  else
    notes.push_back("ingest: Python peer skipped: " + peer.why_not);
  return figures;
}

}  // namespace

std::vector<core::BenchFigure> bench_sched(const SchedBenchOptions& options, nlohmann::json& notes, bool quiet) {
  const core::TempDirectory scratch("bench-sched");
  std::vector<core::BenchFigure> figures;
  std::size_t printed = 0;
  auto add = [&](std::vector<core::BenchFigure> more) {
    for (; printed < notes.size(); ++printed)
      if (!quiet) fmt::print(stderr, "bench sched: {}\n", notes[printed].get<std::string>());
    for (auto& figure : more) figures.push_back(std::move(figure));
  };
  add(planning_figures(scratch.path(), options.sweep_seeds, notes));
  add(dispatch_figures(scratch.path(), options.dispatch_runs, options.jobs, notes));
  add(ingest_figures(scratch.path(), options.ingest_runs, options.metrics_per_run, notes));
  return figures;
}

}  // namespace jetstudy::cli
