#include "toolkit/sched/run_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"

namespace jetstudy::sched {

std::string to_string(AttemptOutcome outcome) {
  switch (outcome) {
    case AttemptOutcome::done: return "done";
    case AttemptOutcome::failed: return "failed";
    case AttemptOutcome::bad_input: return "bad_input";
    case AttemptOutcome::interrupted: return "interrupted";
  }
  return "failed";
}

AttemptOutcome parse_attempt_outcome(const std::string& text) {
  for (const auto outcome : {AttemptOutcome::done, AttemptOutcome::failed, AttemptOutcome::bad_input,
                             AttemptOutcome::interrupted})
    if (to_string(outcome) == text) return outcome;
  throw core::InputError("unknown attempt outcome '" + text + "' (expected done, failed, bad_input or interrupted)");
}

int exit_code(AttemptOutcome outcome) {
  switch (outcome) {
    case AttemptOutcome::done: return 0;
    case AttemptOutcome::failed: return 1;
    case AttemptOutcome::bad_input: return 2;
    case AttemptOutcome::interrupted: return 75;
  }
  return 1;
}

void write_failure_file(const std::filesystem::path& path, const RunFailure& failure) {
  const nlohmann::json json = {{"hash", failure.hash},
                               {"error", failure.error},
                               {"kind", to_string(failure.kind)},
                               {"duration_s", failure.duration_s}};
  core::write_file_atomically(path, json.dump(1) + "\n");
}

std::optional<RunFailure> read_failure_file(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    const auto json = nlohmann::json::parse(core::read_file(path));
    return RunFailure{json.at("hash"), json.at("error"), parse_attempt_outcome(json.at("kind")),
                      json.at("duration_s")};
  } catch (const nlohmann::json::exception& error) {
    throw core::InputError(path.string() + ": corrupt failure file: " + error.what());
  }
}

void append_epoch_report(const std::filesystem::path& path, const EpochReport& report) {
  nlohmann::json values = nlohmann::json::object();
  for (const auto& [name, value] : report.values)
    if (std::isfinite(value)) values[name] = value;
  const std::string line = nlohmann::json{{"epoch", report.epoch}, {"values", values}}.dump() + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw core::InputError(path.string() + ": cannot append: " + std::strerror(errno));
  const auto written = ::write(fd, line.data(), line.size());
  const int saved = errno;
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size()))
    throw core::InputError(path.string() + ": append failed: " + std::strerror(saved));
}

std::vector<store::MetricValue> epoch_metric_values(const EpochReport& report) {
  std::vector<store::MetricValue> metrics;
  for (const auto& [name, value] : report.values) {
    if (!std::isfinite(value)) continue;
    if (name.rfind("val_", 0) == 0 && name.size() > 4) {
      metrics.push_back({"val", name.substr(4), value, report.epoch});
    } else if (name.rfind("train_", 0) == 0 && name.size() > 6) {
      metrics.push_back({"train", name.substr(6), value, report.epoch});
    } else {
      metrics.push_back({"train", name, value, report.epoch});
    }
  }
  return metrics;
}

std::vector<EpochReport> EpochsReader::read_new() {
  std::vector<EpochReport> reports;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return reports;
  in.seekg(static_cast<std::streamoff>(offset_));
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline yet: the rest of the line is still being written
    offset_ += line.size() + 1;
    try {
      const auto json = nlohmann::json::parse(line);
      EpochReport report{json.at("epoch").get<int>(), {}};
      for (const auto& [name, value] : json.at("values").items()) report.values[name] = value.get<double>();
      reports.push_back(std::move(report));
    } catch (const nlohmann::json::exception&) {
      // A damaged line (a disk that filled up mid-write) costs one epoch's live values, never the run.
    }
  }
  return reports;
}

}  // namespace jetstudy::sched
