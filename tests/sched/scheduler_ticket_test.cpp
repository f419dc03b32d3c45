#include "toolkit/sched/scheduler_ticket.h"

#include <catch2/catch.hpp>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"

using namespace jetstudy;

TEST_CASE("scheduler ticket: written and read back -- task names as Slurm and HTCondor write them") {
  core::TempDirectory directory("ticket");
  const sched::ResultsLayout layout{directory.path()};
  const auto path = sched::scheduler_ticket_file(layout, "abc");
  CHECK(path == directory / "runs/abc/scheduler.json");
  CHECK_FALSE(sched::read_scheduler_ticket(path));
  sched::write_scheduler_ticket(path, {"slurm", "123", 4, "/r/batches/b"});
  const auto ticket = sched::read_scheduler_ticket(path);
  REQUIRE(ticket);
  CHECK(ticket->task_name() == "123_4");
  CHECK(ticket->batch_directory == "/r/batches/b");
  CHECK(sched::SchedulerTicket{"htcondor", "77", 2, ""}.task_name() == "77.2");
  core::write_file_atomically(path, "{\"backend\": 1}");
  REQUIRE_THROWS_WITH(sched::read_scheduler_ticket(path), Catch::Matchers::StartsWith(path.string() + ": not a scheduler ticket"));
}
