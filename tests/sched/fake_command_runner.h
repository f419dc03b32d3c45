// A CommandRunner for tests: records every command and answers with canned output, by program name.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "toolkit/sched/command_runner.h"

namespace jetstudy::testing {

class FakeCommandRunner : public sched::CommandRunner {
 public:
  // The next call of `program` returns `output` (answers queue up; the last one repeats).
  void answer(const std::string& program, sched::CommandOutput output) { answers_[program].push_back(std::move(output)); }

  sched::CommandOutput run(const std::vector<std::string>& argv) override {
    calls.push_back(argv);
    auto& queue = answers_[argv.at(0)];
    if (queue.empty()) return {};
    auto output = queue.front();
    if (queue.size() > 1) queue.pop_front();
    return output;
  }

  std::vector<std::vector<std::string>> calls;

 private:
  std::map<std::string, std::deque<sched::CommandOutput>> answers_;
};

}  // namespace jetstudy::testing
