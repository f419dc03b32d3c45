#include "toolkit/sched/plan.h"

#include <algorithm>
#include <functional>

namespace jetstudy::sched {

int Plan::count_to_do() const {
  return static_cast<int>(std::count_if(runs.begin(), runs.end(), [](const PlannedRun& run) { return run.to_do; }));
}

int Plan::count_done() const { return static_cast<int>(runs.size()) - count_to_do(); }

namespace {

Plan plan_with(const recipe::Study& study, const std::function<std::optional<store::RunStatus>(const std::string&)>& stored,
               bool force) {
  Plan plan;
  plan.study = study.name;
  for (const auto& spec : study.runs) {
    PlannedRun planned{spec, stored(spec.hash), false};
    // Everything not done is to do: pending, failed, interrupted. A run still "running" belongs to a live process
    // (the caller first turns runs orphaned by dead processes into interrupted ones), so it is left alone.
    const auto status = planned.stored_status;
    planned.to_do = status != store::RunStatus::running && (force || status != store::RunStatus::done);
    plan.runs.push_back(std::move(planned));
  }
  return plan;
}

}  // namespace

Plan make_plan(const recipe::Study& study, const store::Store& store, bool force) {
  return plan_with(study, [&](const std::string& hash) { return store.run_status(hash); }, force);
}

Plan make_fresh_plan(const recipe::Study& study) {
  return plan_with(study, [](const std::string&) { return std::optional<store::RunStatus>(); }, false);
}

}  // namespace jetstudy::sched
