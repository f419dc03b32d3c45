#include "toolkit/cli/bench_peers.h"

#include <fmt/format.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>

#include "toolkit/sched/shell_quote.h"

namespace jetstudy::cli {

std::string peer_python() {
  const char* chosen = std::getenv("JETSTUDY_PEER_PYTHON");
  return chosen != nullptr && *chosen != '\0' ? chosen : kPeerPython;
}

std::filesystem::path find_peer(const std::string& name) {
  const std::filesystem::path relative = std::filesystem::path("bench/peers") / name;
  std::error_code error;
  const auto binary = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    for (auto directory = binary.parent_path(); !directory.empty() && directory != directory.root_path();
         directory = directory.parent_path()) {
      if (std::filesystem::exists(directory / relative)) return directory / relative;
    }
  }
#ifdef JETSTUDY_SOURCE_DIR
  if (std::filesystem::exists(std::filesystem::path(JETSTUDY_SOURCE_DIR) / relative)) {
    return std::filesystem::path(JETSTUDY_SOURCE_DIR) / relative;
  }
#endif
  return {};
}

PeerOutput run_peer_script(const std::string& name, const std::string& arguments, const std::string& required,
                           const std::string& packages) {
  PeerOutput result;
  const std::string python = peer_python();
  if (!std::filesystem::exists(python)) {
    result.why_not = python == kPeerPython
                         ? fmt::format("{} not found (Debian: apt-get install python3 {})", python, packages)
                         : fmt::format("{} (JETSTUDY_PEER_PYTHON) not found", python);
    return result;
  }
  const auto script = find_peer(name);
  if (script.empty()) {
    result.why_not = fmt::format("bench/peers/{} not found next to the binary or in the source tree", name);
    return result;
  }
  const std::string command =
      fmt::format("{} {} {} 2>&1", sched::shell_quote(python), sched::shell_quote(script.string()), arguments);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    result.why_not = "cannot start " + command;
    return result;
  }
  std::string output;
  char buffer[4096];
  while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  std::string last_line = output.substr(0, output.find_last_not_of(" \n") + 1);
  if (const auto newline = last_line.rfind('\n'); newline != std::string::npos) last_line.erase(0, newline + 1);
  auto json = nlohmann::json::parse(last_line, nullptr, false);
  if (json.is_object() && json.contains("error")) {
    result.why_not = json["error"].is_string() ? json["error"].get<std::string>() : json["error"].dump();
    return result;
  }
  if (status != 0 || !json.is_object() || !json.contains(required)) {
    result.why_not = fmt::format("{} exited with status {} and printed: {}", script.string(),
                                 WIFEXITED(status) ? WEXITSTATUS(status) : status,
                                 output.size() > 600 ? "..." + output.substr(output.size() - 600) : output);
    return result;
  }
  result.ran = true;
  result.json = std::move(json);
  return result;
}

}  // namespace jetstudy::cli
