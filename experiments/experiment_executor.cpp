#include "experiments/experiment_executor.h"

#include "experiments/experiment.h"
#include "toolkit/train/device.h"

namespace jetstudy::experiments {

ExperimentExecutor::ExperimentExecutor(std::filesystem::path cache_directory)
    : cache_directory_(std::move(cache_directory)) {}

std::string ExperimentExecutor::device_for(const recipe::RunSpec& run) {
  return train::describe_device(train::resolve_device(run.config.at("train").at("device").get<std::string>()));
}

store::RunOutcome ExperimentExecutor::execute(const recipe::RunSpec& run, const std::filesystem::path& run_directory,
                                              sched::Status& status, const sched::RunProgress& progress) {
  const auto& experiment = find_experiment(run.config.at("experiment").at("kind").get<std::string>());
  return experiment.run(ExperimentContext{run, cache_directory_, run_directory, status, progress});
}

}  // namespace jetstudy::experiments
