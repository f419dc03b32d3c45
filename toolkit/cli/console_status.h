// Progress on the terminal: one line per event on a pipe or file; on a terminal, epochs overprint one line.
//   [1/2] seed=1  epoch 7/10  train_loss=0.301 val_loss=0.312 val_auc=0.941
#pragma once

#include <cstdio>

#include "toolkit/sched/local_pool.h"
#include "toolkit/sched/status.h"

namespace jetstudy::cli {

class ConsoleStatus : public sched::Status {
 public:
  explicit ConsoleStatus(std::FILE* out = stderr);
  void run_started(const sched::RunProgress& run) override;
  void message(const sched::RunProgress& run, const std::string& text) override;
  void epoch_finished(const sched::RunProgress& run, int epoch, int epochs,
                      const std::map<std::string, double>& values) override;
  void run_finished(const sched::RunProgress& run, const std::string& outcome,
                    const std::map<std::string, double>& metrics) override;

 private:
  void print_line(const std::string& line, bool transient);
  std::FILE* out_;
  bool terminal_;
  bool transient_line_open_ = false;
};

// The local pool's one progress line, overprinted on a terminal; on a pipe or file a plain line each time a run
// starts or ends. Messages (retries, killed workers, failures) are kept as lines of their own.
//   [12/64] running 8, failed 0, best val_auc 0.912 (lr=0.001 seed=3), ETA 3m20s
class ConsolePoolStatus : public sched::PoolStatus {
 public:
  explicit ConsolePoolStatus(std::FILE* out = stderr);
  void progress(const sched::PoolProgress& progress) override;
  void message(const std::string& text) override;

 private:
  std::FILE* out_;
  bool terminal_;
  bool transient_line_open_ = false;
  std::string last_line_;
  int last_finished_ = -1, last_running_ = -1;
};

}  // namespace jetstudy::cli
