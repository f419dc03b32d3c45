#include "experiments/provenance.h"

#include <H5public.h>
#include <fastjet/config.h>
#include <sqlite3.h>
#include <torch/version.h>
#include <unistd.h>

#include <HepMC3/Version.h>
#include <array>
#include <cstdio>
#include <memory>
#include <string>

namespace jetstudy::experiments {
namespace {

// Output of a shell command (stderr discarded), trailing newline removed; "" if it fails.
std::string command_output(const std::string& command) {
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen((command + " 2>/dev/null").c_str(), "r"), &pclose);
  if (!pipe) return "";
  std::string output;
  std::array<char, 256> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe.get())) output += buffer.data();
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  return output;
}

std::string host_name() {
  std::array<char, 256> name{};
  return gethostname(name.data(), name.size()) == 0 ? std::string(name.data()) : "unknown";
}

}  // namespace

store::RunEnvironment current_environment() {
  store::RunEnvironment environment;
  environment.host = host_name();
  std::string git = "git -C '";  // appended step by step: GCC 12 misreads "a" + MACRO + "b" as out of bounds
  git += JETSTUDY_SOURCE_DIR;
  git += "' ";
  environment.git_revision = command_output(git + "rev-parse HEAD");
  if (environment.git_revision.empty()) environment.git_revision = "unknown";
  environment.git_dirty = !command_output(git + "status --porcelain --untracked-files=no").empty();
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  environment.library_versions = {
      {"jetstudy", JETSTUDY_VERSION},
      {"libtorch", TORCH_VERSION},
      {"fastjet", FASTJET_PACKAGE_VERSION},
      {"hdf5", std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release)},
      {"sqlite", sqlite3_libversion()},
      {"hepmc3", HEPMC3_VERSION},
  };
  return environment;
}

}  // namespace jetstudy::experiments
