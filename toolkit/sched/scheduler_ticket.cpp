#include "toolkit/sched/scheduler_ticket.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"

namespace jetstudy::sched {

std::string SchedulerTicket::task_name() const {
  return job_id + (backend == "htcondor" ? "." : "_") + std::to_string(task);
}

std::filesystem::path scheduler_ticket_file(const ResultsLayout& layout, const std::string& run_hash) {
  return layout.run_directory(run_hash) / "scheduler.json";
}

void write_scheduler_ticket(const std::filesystem::path& path, const SchedulerTicket& ticket) {
  const nlohmann::json json{{"backend", ticket.backend},
                            {"job_id", ticket.job_id},
                            {"task", ticket.task},
                            {"batch_directory", ticket.batch_directory.string()}};
  core::write_file_atomically(path, json.dump(2) + "\n");
}

std::optional<SchedulerTicket> read_scheduler_ticket(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    const auto json = nlohmann::json::parse(core::read_file(path));
    return SchedulerTicket{json.at("backend").get<std::string>(), json.at("job_id").get<std::string>(),
                           json.at("task").get<int>(), json.at("batch_directory").get<std::string>()};
  } catch (const nlohmann::json::exception& error) {
    throw core::InputError(path.string() + ": not a scheduler ticket (" + error.what() +
                           "); delete it to let jetstudy submit the run again");
  }
}

}  // namespace jetstudy::sched
