#include "tests/e2e/command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "toolkit/core/remove_tree.h"

namespace jetstudy::e2e {

CommandResult run_jetstudy(const std::string& arguments, const std::string& environment) {
  const std::string command = environment + std::string(JETSTUDY_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  CommandResult result;
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe)) result.output += buffer.data();
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string fresh_results_directory(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("jetstudy-e2e-" + name + "-" + std::to_string(::getpid()));
  core::remove_tree(dir);
  return dir.string();
}

}  // namespace jetstudy::e2e
