// Runs one run of a test recipe in-process, as the scheduler would (experiment table, run directory, dataset
// cache), and reads numbers back from its outcome.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "experiments/experiment.h"
#include "experiments/study_components.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/recipe/study.h"
#include "toolkit/sched/status.h"

namespace jetstudy::testing {

// A results area for one test: the dataset cache is shared by the runs of that test.
struct ExperimentBench {
  core::TempDirectory directory{"experiment"};
  std::filesystem::path cache() const { return directory.path() / "cache"; }
  std::filesystem::path run_directory(const std::string& hash) const { return directory.path() / "runs" / hash; }
};

// The `index`-th run of tests/experiments/recipes/<recipe> with --set overrides.
inline recipe::RunSpec test_run(const std::string& recipe, const std::vector<std::string>& overrides = {},
                                std::size_t index = 0) {
  const auto study = recipe::load_study("tests/experiments/recipes/" + recipe, overrides, experiments::study_components());
  return study.runs.at(index);
}

inline store::RunOutcome run_experiment(const ExperimentBench& bench, const recipe::RunSpec& run,
                                        sched::Status& status) {
  const sched::RunProgress progress{};
  const auto directory = bench.run_directory(run.hash);
  std::filesystem::create_directories(directory);
  const experiments::ExperimentContext context{run, bench.cache(), directory, status, progress};
  return experiments::find_experiment(run.config.at("experiment").at("kind").get<std::string>()).run(context);
}

inline store::RunOutcome run_experiment(const ExperimentBench& bench, const recipe::RunSpec& run) {
  sched::QuietStatus quiet;
  return run_experiment(bench, run, quiet);
}

// Keeps the messages a run says, and asks for an interrupt (as Ctrl-C or a scheduler's SIGTERM would) when epoch
// `stop_after` has finished (0: never).
class InterruptAfterEpoch : public sched::QuietStatus {
 public:
  explicit InterruptAfterEpoch(int stop_after) : stop_after_(stop_after) {}
  void epoch_finished(const sched::RunProgress&, int epoch, int, const std::map<std::string, double>&) override {
    if (epoch == stop_after_) core::request_interrupt();
  }
  void message(const sched::RunProgress&, const std::string& text) override { messages.push_back(text); }
  std::vector<std::string> messages;

 private:
  int stop_after_;
};

// Runs `run` until the interrupt asked for after epoch `stop_after`; whether it ended with core::Interrupted (the
// request is cleared again). Any other exception passes through.
inline bool run_until_interrupted(const ExperimentBench& bench, const recipe::RunSpec& run, int stop_after) {
  InterruptAfterEpoch status(stop_after);
  try {
    run_experiment(bench, run, status);
  } catch (const core::Interrupted&) {
    core::clear_interrupt();
    return true;
  }
  return false;
}

// The final (epoch-less) value of split/name; throws when the outcome lacks it.
inline double final_metric(const store::RunOutcome& outcome, const std::string& split, const std::string& name) {
  for (const auto& metric : outcome.metrics)
    if (metric.split == split && metric.name == name && !metric.epoch) return metric.value;
  throw core::InternalError("no final metric " + split + "/" + name + " in the outcome");
}

inline std::vector<double> metric_per_epoch(const store::RunOutcome& outcome, const std::string& split,
                                            const std::string& name) {
  std::vector<double> values;
  for (const auto& metric : outcome.metrics)
    if (metric.split == split && metric.name == name && metric.epoch) values.push_back(metric.value);
  return values;
}

inline const nlohmann::json& curve(const store::RunOutcome& outcome, const std::string& name) {
  for (const auto& c : outcome.curves)
    if (c.name == name) return c.points;
  throw core::InternalError("no curve " + name + " in the outcome");
}

}  // namespace jetstudy::testing
