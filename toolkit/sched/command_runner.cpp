#include "toolkit/sched/command_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "toolkit/core/error.h"

namespace jetstudy::sched {
namespace {

// A pipe whose ends close themselves.
struct Pipe {
  int read_end = -1, write_end = -1;
  Pipe() {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    read_end = ends[0];
    write_end = ends[1];
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (read_end >= 0) ::close(read_end);
    read_end = -1;
  }
  void close_write() {
    if (write_end >= 0) ::close(write_end);
    write_end = -1;
  }
};

// Reads both pipes until both are closed, so a program that fills one of them never blocks.
void read_both(Pipe& out_pipe, Pipe& err_pipe, std::string& out, std::string& err) {
  std::array<pollfd, 2> fds{pollfd{out_pipe.read_end, POLLIN, 0}, pollfd{err_pipe.read_end, POLLIN, 0}};
  std::array<std::string*, 2> sinks{&out, &err};
  int open = 2;
  char buffer[4096];
  while (open > 0) {
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;  // closed (or broken): poll ignores negative descriptors
        --open;
      }
    }
  }
}

}  // namespace

std::string install_hint(const std::string& program) {
  static const char* const kSlurmCommands[] = {"sbatch", "squeue", "scontrol", "scancel", "sacct", "srun"};
  for (const char* command : kSlurmCommands)
    if (program == command) return program + " not found: install Debian's slurm-client (or slurm-wlm)";
  if (program.rfind("condor_", 0) == 0)
    return program + " not found: HTCondor is not packaged in Debian 12; install it from htcondor.org";
  return program + " not found on PATH";
}

CommandOutput ProcessRunner::run(const std::vector<std::string>& argv) {
  JETSTUDY_CHECK(!argv.empty(), "a command needs at least the program's name");
  std::vector<char*> arguments;
  for (const auto& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
  arguments.push_back(nullptr);

  Pipe out_pipe, err_pipe, exec_errors;  // exec_errors carries execvp's errno when the program cannot start
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (child == 0) {
    const int null_input = ::open("/dev/null", O_RDONLY);
    if (null_input >= 0) dup2(null_input, STDIN_FILENO);
    dup2(out_pipe.write_end, STDOUT_FILENO);
    dup2(err_pipe.write_end, STDERR_FILENO);
    execvp(arguments[0], arguments.data());
    const int error = errno;
    [[maybe_unused]] const auto written = ::write(exec_errors.write_end, &error, sizeof error);
    _exit(127);
  }
  out_pipe.close_write();
  err_pipe.close_write();
  exec_errors.close_write();

  CommandOutput output;
  read_both(out_pipe, err_pipe, output.out, output.err);
  int exec_error = 0;
  const bool exec_failed = ::read(exec_errors.read_end, &exec_error, sizeof exec_error) == sizeof exec_error;
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (exec_failed) {
    if (exec_error == ENOENT) throw core::InputError(install_hint(argv[0]));
    throw core::InputError(argv[0] + ": cannot be started: " + std::strerror(exec_error));
  }
  output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return output;
}

}  // namespace jetstudy::sched
