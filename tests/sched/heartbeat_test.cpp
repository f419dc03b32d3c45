#include "toolkit/sched/heartbeat.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "toolkit/core/temp_directory.h"

using namespace jetstudy;

TEST_CASE("heartbeat: live only on this host, from a process that exists, updated less than 10 s ago") {
  const double now = 1000;
  const sched::Heartbeat beat{"h", "node1", 77, 3, now - 4};
  const auto alive = [](std::int64_t pid) { return pid == 77; };
  CHECK(sched::heartbeat_is_live(beat, "node1", now, alive));
  CHECK_FALSE(sched::heartbeat_is_live(beat, "node2", now, alive));                      // another machine
  CHECK_FALSE(sched::heartbeat_is_live(beat, "node1", now + 7, alive));                  // 11 s old
  CHECK_FALSE(sched::heartbeat_is_live(beat, "node1", now, [](std::int64_t) { return false; }));  // process gone
}

TEST_CASE("heartbeat: the writer beats with this pid and its epoch, and removes the file when done") {
  core::TempDirectory directory("heartbeat");
  const auto path = directory / "heartbeat.json";
  {
    sched::HeartbeatWriter writer(path, "abc", 0.05);
    auto beat = sched::read_heartbeat(path);
    REQUIRE(beat);
    CHECK(beat->hash == "abc");
    CHECK(beat->pid == ::getpid());
    CHECK(beat->host == sched::this_host_name());
    CHECK(beat->epoch == 0);
    const double first = beat->updated_at;
    writer.set_epoch(2);
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    beat = sched::read_heartbeat(path);
    REQUIRE(beat);
    CHECK(beat->epoch == 2);
    CHECK(beat->updated_at > first);
    CHECK(sched::heartbeat_is_live(*beat, sched::this_host_name(), sched::unix_now(),
                                   [](std::int64_t pid) { return pid == ::getpid(); }));
  }
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK_FALSE(sched::read_heartbeat(path).has_value());
}
