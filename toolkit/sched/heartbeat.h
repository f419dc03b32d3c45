// heartbeat.json: a running worker rewrites it atomically every ~2 s ({"hash", "host", "pid", "epoch",
// "updated_at" (unix seconds)}), so a coordinator can tell a run that is still being trained -- by a worker of
// a coordinator that died, or of another `jetstudy run` -- from one whose process is gone.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace jetstudy::sched {

struct Heartbeat {
  std::string hash;
  std::string host;
  std::int64_t pid = 0;
  int epoch = 0;          // last finished epoch (0: none yet)
  double updated_at = 0;  // unix time, seconds
};

// How old a heartbeat may be and still count as live.
constexpr double kHeartbeatMaxAgeS = 10.0;

void write_heartbeat(const std::filesystem::path& path, const Heartbeat& heartbeat);  // atomically
// nullopt when the file is absent or unreadable (a heartbeat is advisory: never an error).
std::optional<Heartbeat> read_heartbeat(const std::filesystem::path& path);

double unix_now();
std::string this_host_name();

// Live: written on this host by a process that still exists, less than max_age_s before now. A heartbeat from
// another host is never live here (its own scheduler decides about it).
bool heartbeat_is_live(const Heartbeat& heartbeat, const std::string& host, double now,
                       const std::function<bool(std::int64_t pid)>& process_alive,
                       double max_age_s = kHeartbeatMaxAgeS);

// Writes the heartbeat of this process's run every `interval_s` from a thread of its own, until destroyed
// (which removes the file: the run is over, its result or failure file says how it ended).
class HeartbeatWriter {
 public:
  HeartbeatWriter(std::filesystem::path path, std::string hash, double interval_s = 2.0);
  ~HeartbeatWriter();
  HeartbeatWriter(const HeartbeatWriter&) = delete;
  HeartbeatWriter& operator=(const HeartbeatWriter&) = delete;

  void set_epoch(int epoch);  // written with the next beat, and at once

 private:
  void beat();
  void loop();

  std::filesystem::path path_;
  Heartbeat heartbeat_;
  double interval_s_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace jetstudy::sched
