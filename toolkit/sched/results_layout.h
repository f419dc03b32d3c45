// Where a results directory keeps things (DESIGN.md): jetstudy.sqlite, cache/, runs/<run-hash>/, reports/.
#pragma once

#include <filesystem>
#include <string>

namespace jetstudy::sched {

// The ASHA rung handshake (docs/scheduler.md "Sweeps and ASHA"), inside a run's directory: asha.json says at which
// epochs the worker waits for the coordinator's verdict rung-<epoch>.json.
inline constexpr const char* kAshaFileName = "asha.json";
inline std::string rung_decision_name(int epoch) { return "rung-" + std::to_string(epoch) + ".json"; }

struct ResultsLayout {
  std::filesystem::path root;

  std::filesystem::path database() const { return root / "jetstudy.sqlite"; }
  std::filesystem::path cache() const { return root / "cache"; }
  std::filesystem::path runs() const { return root / "runs"; }
  std::filesystem::path run_directory(const std::string& run_hash) const { return runs() / run_hash; }
  // The worker protocol (docs/scheduler.md): what a worker leaves in its run's directory for the coordinator.
  std::filesystem::path result_file(const std::string& run_hash) const { return run_directory(run_hash) / "result.json"; }
  std::filesystem::path failure_file(const std::string& run_hash) const { return run_directory(run_hash) / "failure.json"; }
  std::filesystem::path heartbeat_file(const std::string& run_hash) const { return run_directory(run_hash) / "heartbeat.json"; }
  std::filesystem::path epochs_file(const std::string& run_hash) const { return run_directory(run_hash) / "epochs.jsonl"; }
  std::filesystem::path stop_request(const std::string& run_hash) const { return run_directory(run_hash) / "stop-requested"; }
  std::filesystem::path asha_file(const std::string& run_hash) const { return run_directory(run_hash) / kAshaFileName; }
  std::filesystem::path rung_decision(const std::string& run_hash, int epoch) const {
    return run_directory(run_hash) / rung_decision_name(epoch);
  }
  std::filesystem::path reports() const { return root / "reports"; }
};

// For commands that write: creates the directory if needed and checks that it is writable.
// Throws core::InputError naming the path and the reason otherwise (a file in the way, no permission, ...).
ResultsLayout prepare_results_for_writing(const std::filesystem::path& root);

// For commands that only read (status, report): the directory and its database must exist.
ResultsLayout open_results_for_reading(const std::filesystem::path& root);

// --results DIR, else $JETSTUDY_RESULTS, else ./results.
std::filesystem::path default_results_root(const std::string& from_option);

}  // namespace jetstudy::sched
