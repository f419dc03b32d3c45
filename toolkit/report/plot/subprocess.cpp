// See subprocess.h. stdin is a socket pair rather than a pipe so that writing to a program that has already
// exited fails with EPIPE (send with MSG_NOSIGNAL) instead of raising SIGPIPE in the caller.
#include "toolkit/report/plot/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace jetstudy::report::plot {
namespace {

// A file descriptor closed when it goes out of scope.
class Descriptor {
 public:
  Descriptor() = default;
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

std::runtime_error system_error(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Reads what is available on `fd` into `text`; returns false at end of file.
bool drain(int fd, std::string& text) {
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      text.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
    return false;
  }
}

}  // namespace

ProgramResult run_program(const std::vector<std::string>& arguments, std::string_view standard_input,
                          std::chrono::milliseconds timeout) {
  JETSTUDY_CHECK(!arguments.empty(), "run_program needs at least the program name");

  int input_pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, input_pair) != 0) throw system_error("socketpair");
  Descriptor input_parent(input_pair[0]), input_child(input_pair[1]);
  int output_pipe[2];
  if (::pipe2(output_pipe, O_CLOEXEC) != 0) throw system_error("pipe");
  Descriptor output_parent(output_pipe[0]), output_child(output_pipe[1]);
  int error_pipe[2];
  if (::pipe2(error_pipe, O_CLOEXEC) != 0) throw system_error("pipe");
  Descriptor error_parent(error_pipe[0]), error_child(error_pipe[1]);

  // dup2 onto 0/1/2 clears close-on-exec there; every other descriptor of ours closes at exec.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, input_child.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output_child.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, error_child.get(), STDERR_FILENO);

  std::vector<char*> argv;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int spawn_status = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_status != 0) {
    throw ProgramNotFound("cannot run '" + arguments[0] + "': " + std::strerror(spawn_status));
  }
  input_child.reset();
  output_child.reset();
  error_child.reset();
  set_nonblocking(input_parent.get());
  set_nonblocking(output_parent.get());
  set_nonblocking(error_parent.get());

  ProgramResult result;
  std::size_t written = 0;
  if (standard_input.empty()) input_parent.reset();
  bool output_open = true, error_open = true;
  const auto deadline = std::chrono::steady_clock::now() + timeout;

  while (output_open || error_open || input_parent.get() >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      result.timed_out = true;
      break;
    }
    pollfd watched[3];
    nfds_t count = 0;
    if (input_parent.get() >= 0) watched[count++] = {input_parent.get(), POLLOUT, 0};
    if (output_open) watched[count++] = {output_parent.get(), POLLIN, 0};
    if (error_open) watched[count++] = {error_parent.get(), POLLIN, 0};
    const int ready = ::poll(watched, count, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      throw system_error("poll");
    }
    if (ready <= 0) continue;
    for (nfds_t i = 0; i < count; ++i) {
      if (watched[i].revents == 0) continue;
      const int fd = watched[i].fd;
      if (fd == input_parent.get()) {
        const ssize_t n = ::send(fd, standard_input.data() + written, standard_input.size() - written,
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) written += static_cast<std::size_t>(n);
        // Done, or the program stopped reading (EPIPE): close our end so it sees end of input.
        if (written == standard_input.size() || (n < 0 && errno != EAGAIN && errno != EINTR)) input_parent.reset();
      } else if (fd == output_parent.get()) {
        output_open = drain(fd, result.standard_output);
      } else if (fd == error_parent.get()) {
        error_open = drain(fd, result.standard_error);
      }
    }
  }

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw system_error("waitpid");
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
  return result;
}

}  // namespace jetstudy::report::plot
