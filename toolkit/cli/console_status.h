// Progress on the terminal: one line per event on a pipe or file; on a terminal, epochs overprint one line.
//   [1/2] seed=1  epoch 7/10  train_loss=0.301 val_loss=0.312 val_auc=0.941
#pragma once

#include <cstdio>

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

}  // namespace jetstudy::cli
