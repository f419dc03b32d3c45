#include "toolkit/sched/rung_verdict.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"

namespace jetstudy::sched {

bool RungPlan::is_rung(int epoch) const { return std::find(rungs.begin(), rungs.end(), epoch) != rungs.end(); }

void write_rung_plan(const std::filesystem::path& path, const RungPlan& plan) {
  const nlohmann::json json = {{"rungs", plan.rungs}, {"monitor", plan.monitor}};
  core::write_file_atomically(path, json.dump() + "\n");
}

std::optional<RungPlan> read_rung_plan(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    const auto json = nlohmann::json::parse(core::read_file(path));
    return RungPlan{json.at("rungs").get<std::vector<int>>(), json.at("monitor").get<std::string>()};
  } catch (const nlohmann::json::exception& error) {
    throw core::InputError(path.string() + ": corrupt ASHA file (expected {\"rungs\": [...], \"monitor\": ...}): " +
                           error.what());
  }
}

void write_rung_verdict(const std::filesystem::path& path, bool stop) {
  core::write_file_atomically(path, nlohmann::json{{"stop", stop}}.dump() + "\n");
}

std::optional<bool> read_rung_verdict(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    return nlohmann::json::parse(core::read_file(path)).at("stop").get<bool>();
  } catch (const nlohmann::json::exception& error) {
    throw core::InputError(path.string() + ": corrupt rung verdict (expected {\"stop\": true|false}): " +
                           error.what());
  }
}

StopHook asha_stop_hook(const AshaOptions& options) {
  auto asha = std::make_shared<AshaScheduler>(options);
  return [asha, monitor = options.monitor](const std::string& hash, int epoch,
                                           const std::map<std::string, double>& values) {
    const auto found = values.find(monitor);
    return asha->should_stop(hash, epoch,
                             found == values.end() ? std::numeric_limits<double>::quiet_NaN() : found->second);
  };
}

RungPlan rung_plan_for(const AshaOptions& options) { return RungPlan{options.rungs, options.monitor}; }

void prepare_rung_handshake(const ResultsLayout& layout, const std::string& hash, const RungPlan& plan) {
  std::filesystem::create_directories(layout.run_directory(hash));
  for (const int epoch : plan.rungs) std::filesystem::remove(layout.rung_decision(hash, epoch));
  write_rung_plan(layout.asha_file(hash), plan);
}

bool judge_epoch_report(const ResultsLayout& layout, const std::string& hash, const std::optional<RungPlan>& plan,
                        const StopHook& should_stop, const EpochReport& report) {
  const bool stop = should_stop && should_stop(hash, report.epoch, report.values);
  bool created = false;
  // stop-requested before the verdict: a worker that reads "stop" finds the request there too.
  if (stop && !std::filesystem::exists(layout.stop_request(hash))) {
    core::write_file_atomically(layout.stop_request(hash), fmt::format("epoch {}\n", report.epoch));
    created = true;
  }
  if (plan && plan->is_rung(report.epoch)) write_rung_verdict(layout.rung_decision(hash, report.epoch), stop);
  return created;
}

bool scheduler_asks_stop(const std::filesystem::path& run_directory, int epoch, const RungWait& wait,
                         const std::function<void(const std::string&)>& log) {
  const auto stop_file = run_directory / "stop-requested";
  const auto plan = read_rung_plan(run_directory / kAshaFileName);
  if (!plan || !plan->is_rung(epoch)) return std::filesystem::exists(stop_file);
  const auto verdict_file = run_directory / rung_decision_name(epoch);
  const auto deadline = std::chrono::steady_clock::now() + wait.limit;
  for (;;) {
    if (const auto verdict = read_rung_verdict(verdict_file)) return *verdict || std::filesystem::exists(stop_file);
    if (std::chrono::steady_clock::now() >= deadline) break;
    core::throw_if_interrupted();
    std::this_thread::sleep_for(wait.poll);
  }
  if (log)
    log(fmt::format("no ASHA verdict for rung epoch {} ({}) after {} s: going on without it", epoch,
                    verdict_file.string(), std::chrono::duration_cast<std::chrono::seconds>(wait.limit).count()));
  return std::filesystem::exists(stop_file);
}

}  // namespace jetstudy::sched
