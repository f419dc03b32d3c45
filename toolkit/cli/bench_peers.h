// The peers `jetstudy bench` measures against: Python scripts in bench/peers/, run on Debian's python3 unless
// JETSTUDY_PEER_PYTHON names another interpreter.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace jetstudy::cli {

inline constexpr const char* kPeerPython = "/usr/bin/python3";

// The interpreter the peers run on: $JETSTUDY_PEER_PYTHON when set (e.g. the python3 of a CUDA PyTorch install on a
// GPU machine, docs/gpu.md), else Debian's kPeerPython.
std::string peer_python();

// bench/peers/<name> next to the binary's checkout (build*/jetstudy -> ..), else in the source tree this binary
// was built from; empty when neither has it.
std::filesystem::path find_peer(const std::string& name);

// What a Python peer printed last: its JSON object, or why there is none.
struct PeerOutput {
  bool ran = false;
  std::string why_not;  // when !ran: what is missing or what went wrong
  nlohmann::json json;
};

// Runs bench/peers/<name> on peer_python() with `arguments` (already shell-quoted) and reads the JSON line it
// prints last; a peer that cannot run prints {"error": ...}. `required` is the key a successful answer has;
// `packages` the Debian packages it needs (named when python3 is missing).
PeerOutput run_peer_script(const std::string& name, const std::string& arguments, const std::string& required,
                           const std::string& packages);

}  // namespace jetstudy::cli
