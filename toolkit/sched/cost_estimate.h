// How long the runs a plan still has to do will take, estimated from the durations of similar runs already
// finished (in any study of the store). "Similar" is, in order of preference: the same resolved config except
// the seed and the keys the study sweeps; or else at least the same experiment kind and architecture. A run's
// estimate is the median duration of its similar finished runs; the plan's is the sum over its runs to do.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "toolkit/sched/plan.h"
#include "toolkit/store/store.h"

namespace jetstudy::sched {

struct FinishedRun {
  std::string hash;
  nlohmann::json config;  // the run's resolved config (RunSpec::config)
  double duration_s = 0;
};

// Every done run in the store with a recorded duration, across all studies, once each.
std::vector<FinishedRun> finished_runs(const store::Store& store);

struct CostEstimate {
  int runs_to_do = 0;
  int same_config = 0;   // runs to do estimated from finished runs with the same config except seed and swept keys
  int same_kind = 0;     // runs to do estimated only from finished runs of the same experiment kind and architecture
  int unestimated = 0;   // runs to do with no similar finished run
  double seconds = 0;    // the sum of the estimates of the estimated runs

  bool any() const { return same_config + same_kind > 0; }
};

CostEstimate estimate_cost(const Plan& plan, const std::vector<FinishedRun>& finished);

// The middle value (the mean of the two middle values for an even count); 0 for none.
double median(std::vector<double> values);

}  // namespace jetstudy::sched
