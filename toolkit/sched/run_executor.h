// What the scheduler asks of whoever trains: the experiments (experiments/) implement it; tests use a fake.
#pragma once

#include <filesystem>
#include <string>

#include "toolkit/recipe/study.h"
#include "toolkit/sched/status.h"
#include "toolkit/store/records.h"

namespace jetstudy::sched {

class RunExecutor {
 public:
  virtual ~RunExecutor() = default;
  // The device the run will use, e.g. "cpu" or "cuda:0" (recorded before the run starts).
  virtual std::string device_for(const recipe::RunSpec& run) = 0;
  // Trains and evaluates one run, writing checkpoints and predictions under run_directory. Throws
  // core::Interrupted when interrupted, core::InputError for bad input, anything else for a failed run.
  virtual store::RunOutcome execute(const recipe::RunSpec& run, const std::filesystem::path& run_directory,
                                    Status& status, const RunProgress& progress) = 0;
};

}  // namespace jetstudy::sched
