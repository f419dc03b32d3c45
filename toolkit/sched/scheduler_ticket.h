// scheduler.json in a run's directory: which batch-system job and task runs it (written by the cluster
// coordinator when it submits). `jetstudy status` reads it to ask the scheduler about the run, and a restarted
// `jetstudy run` adopts a task that is still queued or running instead of submitting the run twice.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "toolkit/sched/results_layout.h"

namespace jetstudy::sched {

struct SchedulerTicket {
  std::string backend;   // slurm | htcondor
  std::string job_id;    // Slurm array job id, HTCondor cluster id
  int task = 0;          // array task index / HTCondor process id = line of the runs file
  std::filesystem::path batch_directory;  // batch script, runs file and the scheduler's logs

  // "123_4" (Slurm) or "123.4" (HTCondor), as the scheduler's own commands write it.
  std::string task_name() const;
};

std::filesystem::path scheduler_ticket_file(const ResultsLayout& layout, const std::string& run_hash);

void write_scheduler_ticket(const std::filesystem::path& path, const SchedulerTicket& ticket);  // atomically
// nullopt when absent; throws core::InputError naming the file when it is corrupt.
std::optional<SchedulerTicket> read_scheduler_ticket(const std::filesystem::path& path);

}  // namespace jetstudy::sched
