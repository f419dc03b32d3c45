#include "toolkit/sched/run_log_status.h"

namespace jetstudy::sched {

RunLogStatus::RunLogStatus(Status& inner, const std::filesystem::path& log_path)
    : inner_(inner), log_(log_path, std::ios::app) {}

void RunLogStatus::run_started(const RunProgress& run) {
  log_ << "run " << run.hash << " seed " << run.seed << (run.label.empty() ? "" : " " + run.label) << "\n" << std::flush;
  inner_.run_started(run);
}

void RunLogStatus::message(const RunProgress& run, const std::string& text) {
  log_ << text << "\n" << std::flush;
  inner_.message(run, text);
}

void RunLogStatus::epoch_finished(const RunProgress& run, int epoch, int epochs,
                                  const std::map<std::string, double>& values) {
  log_ << "epoch " << epoch << "/" << epochs;
  for (const auto& [name, value] : values) log_ << " " << name << "=" << value;
  log_ << "\n" << std::flush;
  inner_.epoch_finished(run, epoch, epochs, values);
}

void RunLogStatus::run_finished(const RunProgress& run, const std::string& outcome,
                                const std::map<std::string, double>& metrics) {
  log_ << outcome;
  for (const auto& [name, value] : metrics) log_ << " " << name << "=" << value;
  log_ << "\n" << std::flush;
  inner_.run_finished(run, outcome, metrics);
}

std::map<std::string, double> final_test_metrics(const store::RunOutcome& outcome) {
  std::map<std::string, double> metrics;
  for (const auto& metric : outcome.metrics)
    if (metric.split == "test" && !metric.epoch) metrics[metric.name] = metric.value;
  return metrics;
}

}  // namespace jetstudy::sched
