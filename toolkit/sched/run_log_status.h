// Progress of one run passed on to another Status and appended to the run's log.txt (every attempt of a run
// appends to the same log, so retries and resumptions stay readable in one place).
#pragma once

#include <filesystem>
#include <fstream>

#include "toolkit/sched/status.h"
#include "toolkit/store/records.h"

namespace jetstudy::sched {

class RunLogStatus : public Status {
 public:
  RunLogStatus(Status& inner, const std::filesystem::path& log_path);
  void run_started(const RunProgress& run) override;
  void message(const RunProgress& run, const std::string& text) override;
  void epoch_finished(const RunProgress& run, int epoch, int epochs, const std::map<std::string, double>& values) override;
  void run_finished(const RunProgress& run, const std::string& outcome, const std::map<std::string, double>& metrics) override;

 private:
  Status& inner_;
  std::ofstream log_;
};

// The final test metrics of an outcome by name (what the log and the console show when a run is done).
std::map<std::string, double> final_test_metrics(const store::RunOutcome& outcome);

}  // namespace jetstudy::sched
