#include "toolkit/sched/heartbeat.h"

#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"

namespace jetstudy::sched {

void write_heartbeat(const std::filesystem::path& path, const Heartbeat& heartbeat) {
  const nlohmann::json json = {{"hash", heartbeat.hash},   {"host", heartbeat.host},
                               {"pid", heartbeat.pid},     {"epoch", heartbeat.epoch},
                               {"updated_at", heartbeat.updated_at}};
  core::write_file_atomically(path, json.dump() + "\n");
}

std::optional<Heartbeat> read_heartbeat(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    const auto json = nlohmann::json::parse(core::read_file(path));
    return Heartbeat{json.at("hash"), json.at("host"), json.at("pid"), json.at("epoch"), json.at("updated_at")};
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  } catch (const core::InputError&) {
    return std::nullopt;  // removed between the two looks
  }
}

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string this_host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown-host";
  return name;
}

bool heartbeat_is_live(const Heartbeat& heartbeat, const std::string& host, double now,
                       const std::function<bool(std::int64_t pid)>& process_alive, double max_age_s) {
  if (heartbeat.host != host) return false;
  if (now - heartbeat.updated_at >= max_age_s) return false;
  return process_alive(heartbeat.pid);
}

HeartbeatWriter::HeartbeatWriter(std::filesystem::path path, std::string hash, double interval_s)
    : path_(std::move(path)), heartbeat_{std::move(hash), this_host_name(), ::getpid(), 0, 0}, interval_s_(interval_s) {
  beat();
  thread_ = std::thread([this] { loop(); });
}

HeartbeatWriter::~HeartbeatWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

void HeartbeatWriter::set_epoch(int epoch) {
  {
    std::lock_guard lock(mutex_);
    heartbeat_.epoch = epoch;
  }
  wake_.notify_all();
}

void HeartbeatWriter::beat() {
  Heartbeat copy;
  {
    std::lock_guard lock(mutex_);
    heartbeat_.updated_at = unix_now();
    copy = heartbeat_;
  }
  try {
    write_heartbeat(path_, copy);
  } catch (const std::exception&) {
    // A full disk must not kill the training; the coordinator then sees a stale heartbeat and a live pid.
  }
}

void HeartbeatWriter::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const int epoch_before = heartbeat_.epoch;
    wake_.wait_for(lock, std::chrono::duration<double>(interval_s_),
                   [&] { return stopping_ || heartbeat_.epoch != epoch_before; });
    if (stopping_) break;
    lock.unlock();
    beat();
    lock.lock();
  }
}

}  // namespace jetstudy::sched
