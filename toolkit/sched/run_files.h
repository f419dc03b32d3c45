// The files a worker leaves in results/runs/<hash>/ besides result.json (docs/scheduler.md "Local pool"):
// failure.json (why an attempt did not finish: failed, bad input or interrupted) and epochs.jsonl (one line per
// finished epoch with its validation values, read by the coordinator while the run goes on).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/store/records.h"

namespace jetstudy::sched {

// How an attempt ended when it did not end done; also the worker's exit status (exit_code()).
enum class AttemptOutcome { done, failed, bad_input, interrupted };

std::string to_string(AttemptOutcome outcome);  // "done", "failed", "bad_input", "interrupted"
// The inverse of to_string; throws core::InputError for another spelling.
AttemptOutcome parse_attempt_outcome(const std::string& text);
// 0 done, 1 failed, 2 bad input, 75 interrupted ("requeue me": EX_TEMPFAIL).
int exit_code(AttemptOutcome outcome);

// failure.json: {"hash", "error", "kind": "failed|bad_input|interrupted", "duration_s"}.
struct RunFailure {
  std::string hash;
  std::string error;
  AttemptOutcome kind = AttemptOutcome::failed;
  double duration_s = 0;
};

void write_failure_file(const std::filesystem::path& path, const RunFailure& failure);  // atomically
// nullopt when absent; throws core::InputError naming the file when it is corrupt.
std::optional<RunFailure> read_failure_file(const std::filesystem::path& path);

// One line of epochs.jsonl: {"epoch": N, "values": {"val_loss": .., "val_auc": .., "train_loss": ..}}.
struct EpochReport {
  int epoch = 0;
  std::map<std::string, double> values;
};

// Appends one complete line with a single write(2) on an O_APPEND descriptor, so a reader never sees half a
// line from a worker that is still alive. Non-finite values are left out (the store keeps finite numbers only).
void append_epoch_report(const std::filesystem::path& path, const EpochReport& report);

// The values of an epoch report as store metrics: "val_auc" -> split "val", name "auc", the epoch set;
// "train_loss" -> split "train", name "loss". Names without a val_/train_ prefix go to split "train".
std::vector<store::MetricValue> epoch_metric_values(const EpochReport& report);

// Reads epochs.jsonl incrementally: each call returns the complete lines appended since the last call (a
// trailing line without its newline is left for the next call; a line that is not valid JSON is skipped).
class EpochsReader {
 public:
  explicit EpochsReader(std::filesystem::path path) : path_(std::move(path)) {}
  std::vector<EpochReport> read_new();

 private:
  std::filesystem::path path_;
  std::uintmax_t offset_ = 0;
};

}  // namespace jetstudy::sched
