#include "toolkit/cli/console_status.h"

#include <fmt/format.h>
#include <unistd.h>

namespace jetstudy::cli {
namespace {

std::string prefix(const sched::RunProgress& run) {
  return fmt::format("[{}/{}] {}{}seed={}", run.index, run.total, run.label, run.label.empty() ? "" : " ", run.seed);
}

std::string format_values(const std::map<std::string, double>& values) {
  std::string text;
  for (const auto& [name, value] : values) text += fmt::format(" {}={:.4g}", name, value);
  return text;
}

}  // namespace

ConsoleStatus::ConsoleStatus(std::FILE* out) : out_(out), terminal_(::isatty(::fileno(out)) != 0) {}

void ConsoleStatus::print_line(const std::string& line, bool transient) {
  if (terminal_ && transient) {
    fmt::print(out_, "\r\033[K{}", line);
    transient_line_open_ = true;
  } else {
    fmt::print(out_, "{}{}\n", transient_line_open_ ? "\r\033[K" : "", line);
    transient_line_open_ = false;
  }
  std::fflush(out_);
}

void ConsoleStatus::run_started(const sched::RunProgress& run) {
  print_line(fmt::format("{} run {}", prefix(run), run.hash.substr(0, 12)), false);
}

void ConsoleStatus::message(const sched::RunProgress& run, const std::string& text) {
  print_line(fmt::format("{}  {}", prefix(run), text), false);
}

void ConsoleStatus::epoch_finished(const sched::RunProgress& run, int epoch, int epochs,
                                   const std::map<std::string, double>& values) {
  print_line(fmt::format("{}  epoch {}/{}{}", prefix(run), epoch, epochs, format_values(values)), true);
}

void ConsoleStatus::run_finished(const sched::RunProgress& run, const std::string& outcome,
                                 const std::map<std::string, double>& metrics) {
  print_line(fmt::format("{}  {}{}", prefix(run), outcome, format_values(metrics)), false);
}


ConsolePoolStatus::ConsolePoolStatus(std::FILE* out) : out_(out), terminal_(::isatty(::fileno(out)) != 0) {}

void ConsolePoolStatus::progress(const sched::PoolProgress& progress) {
  const auto line = sched::format_pool_progress(progress);
  if (terminal_) {
    if (line == last_line_ && transient_line_open_) return;
    fmt::print(out_, "\r\033[K{}", line);
    transient_line_open_ = true;
  } else {
    if (progress.finished == last_finished_ && progress.running == last_running_) return;
    fmt::print(out_, "{}\n", line);
  }
  last_line_ = line;
  last_finished_ = progress.finished;
  last_running_ = progress.running;
  std::fflush(out_);
}

void ConsolePoolStatus::message(const std::string& text) {
  fmt::print(out_, "{}{}\n", transient_line_open_ ? "\r\033[K" : "", text);
  transient_line_open_ = false;
  last_line_.clear();
  std::fflush(out_);
}

}  // namespace jetstudy::cli
