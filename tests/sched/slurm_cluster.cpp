#include "tests/sched/slurm_cluster.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace jetstudy::testing {
namespace {

std::string script() { return std::string(JETSTUDY_SOURCE_DIR) + "/tests/sched/slurm_cluster.sh"; }

}  // namespace

SlurmCluster::SlurmCluster() {
  if (geteuid() != 0) {
    std::fprintf(stderr, "SKIPPED: the single-node Slurm cluster needs root (slurmd and munged run as root/munge)\n");
    std::exit(77);
  }
  const std::string command = script() + " start " + directory().string() + " " + std::to_string(getpid()) + " >/dev/null";
  const int status = std::system(command.c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 77) {
    std::fprintf(stderr, "SKIPPED: slurm-wlm or munge is not installed (apt-get install slurm-wlm munge)\n");
    std::exit(77);
  }
  if (code != 0) throw std::runtime_error("slurm_cluster.sh start failed with " + std::to_string(code));
}

SlurmCluster::~SlurmCluster() {
  const std::string command = script() + " stop " + directory().string();
  [[maybe_unused]] const int status = std::system(command.c_str());
}

std::string SlurmCluster::environment() const { return "SLURM_CONF=" + (directory() / "slurm.conf").string() + " "; }

}  // namespace jetstudy::testing
