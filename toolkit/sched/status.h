// Progress of a study, reported through one interface (ninja's Status): the console version in cli/ overprints
// one line; tests use a recording or quiet one. Nothing in the library prints.
//   [2/4] model.filters=[8,8,8,8] seed=2  epoch 7/10  val_loss=0.312 val_auc=0.941
#pragma once

#include <map>
#include <string>

namespace jetstudy::sched {

struct RunProgress {
  int index = 0;  // 1-based position among the runs to do
  int total = 0;
  std::string hash;
  std::string label;  // swept values of the point, "" when there is no sweep
  long long seed = 0;
};

class Status {
 public:
  virtual ~Status() = default;
  virtual void run_started(const RunProgress& run) = 0;
  virtual void message(const RunProgress& run, const std::string& text) = 0;  // e.g. dataset building steps
  virtual void epoch_finished(const RunProgress& run, int epoch, int epochs, const std::map<std::string, double>& values) = 0;
  virtual void run_finished(const RunProgress& run, const std::string& outcome, const std::map<std::string, double>& metrics) = 0;
};

class QuietStatus : public Status {
 public:
  void run_started(const RunProgress&) override {}
  void message(const RunProgress&, const std::string&) override {}
  void epoch_finished(const RunProgress&, int, int, const std::map<std::string, double>&) override {}
  void run_finished(const RunProgress&, const std::string&, const std::map<std::string, double>&) override {}
};

}  // namespace jetstudy::sched
