// Asynchronous successive halving (ASHA; Li et al., arXiv:1810.05934): runs report their monitored validation
// figure after each epoch; at each rung (an epoch such as 1, 3, 9) a run continues only while it is within the
// best `keep` fraction of the values recorded at that rung so far, so bad runs stop early without waiting for a
// whole batch of runs to reach the rung. The coordinator asks should_stop() for every epoch report and creates
// runs/<hash>/stop-requested when it says true.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/recipe/study.h"

namespace jetstudy::sched {

// {monitor, maximize, rungs, keep}: read from the recipe's sweep block (recipe::Study::asha).
using AshaOptions = recipe::AshaOptions;

class AshaScheduler {
 public:
  // Throws core::InputError for rungs that are empty, not increasing or below 1, or keep outside (0, 1).
  explicit AshaScheduler(AshaOptions options);

  // Records `value` (the monitored figure of run `hash` after `epoch`) when `epoch` is a rung, and says whether
  // the run should stop: it stops at a rung where it is not within the best ceil(keep x n) (at least 1) of the
  // n values recorded there so far, itself included; once stopped, every later epoch says stop too. A value that
  // is not finite ranks last. The answer for an epoch already reported is the one given the first time (a resumed
  // run replays its epochs), whatever the value.
  bool should_stop(const std::string& hash, int epoch, double value);

  // The values recorded at the rung `epoch` (empty when it is not a rung), in the order they arrived; a value
  // that was not finite reads as the worst (-inf when maximising, +inf when minimising).
  std::vector<double> recorded_at(int epoch) const;
  // The rung at which run `hash` was stopped, or nothing.
  std::optional<int> stopped_at(const std::string& hash) const;

  const AshaOptions& options() const { return options_; }

 private:
  struct Rung {
    int epoch = 0;
    std::vector<double> values;              // ranking values (worst for non-finite), in arrival order
    std::map<std::string, bool> continues;   // the decision given to each run that reached the rung
  };

  // Larger is better after this: the value itself when maximising, its negative when minimising.
  double ranking_value(double value) const;

  AshaOptions options_;
  std::vector<Rung> rungs_;
  std::map<std::string, int> stopped_at_;  // run -> the rung epoch at which it was stopped
};

}  // namespace jetstudy::sched
