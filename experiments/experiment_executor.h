// The bridge from the scheduler to the experiment kinds: runs a RunSpec with the experiment its recipe names.
#pragma once

#include <filesystem>

#include "toolkit/sched/run_executor.h"

namespace jetstudy::experiments {

class ExperimentExecutor : public sched::RunExecutor {
 public:
  explicit ExperimentExecutor(std::filesystem::path cache_directory);
  std::string device_for(const recipe::RunSpec& run) override;
  store::RunOutcome execute(const recipe::RunSpec& run, const std::filesystem::path& run_directory,
                            sched::Status& status, const sched::RunProgress& progress) override;

 private:
  std::filesystem::path cache_directory_;
};

}  // namespace jetstudy::experiments
