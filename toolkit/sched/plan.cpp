#include "toolkit/sched/plan.h"

#include <algorithm>
#include <functional>

namespace jetstudy::sched {

int Plan::count_to_do() const {
  return static_cast<int>(std::count_if(runs.begin(), runs.end(), [](const PlannedRun& run) { return run.to_do; }));
}

int Plan::count_done() const { return static_cast<int>(runs.size()) - count_to_do(); }

namespace {

using StoredStatus = std::function<std::optional<store::RunStatus>(const std::string&)>;

Plan plan_with(const std::string& study, std::vector<recipe::RunSpec> runs, const StoredStatus& stored, bool force) {
  Plan plan;
  plan.study = study;
  plan.runs.reserve(runs.size());
  for (auto& spec : runs) {
    const auto status_in_store = stored(spec.hash);
    PlannedRun planned{std::move(spec), status_in_store, false};
    // Everything not done is to do: pending, failed, interrupted. A run still "running" belongs to a live process
    // (the caller first turns runs orphaned by dead processes into interrupted ones), so it is left alone.
    const auto status = planned.stored_status;
    planned.to_do = status != store::RunStatus::running && (force || status != store::RunStatus::done);
    plan.runs.push_back(std::move(planned));
  }
  return plan;
}

StoredStatus status_in(const store::Store& store) {
  return [&store](const std::string& hash) { return store.run_status(hash); };
}

std::optional<store::RunStatus> never_stored(const std::string&) { return std::nullopt; }

}  // namespace

Plan make_plan(const recipe::Study& study, const store::Store& store, bool force) {
  return plan_with(study.name, study.runs, status_in(store), force);
}

Plan make_plan(recipe::Study&& study, const store::Store& store, bool force) {
  return plan_with(study.name, std::move(study.runs), status_in(store), force);
}

Plan make_fresh_plan(const recipe::Study& study) { return plan_with(study.name, study.runs, never_stored, false); }

Plan make_fresh_plan(recipe::Study&& study) { return plan_with(study.name, std::move(study.runs), never_stored, false); }

}  // namespace jetstudy::sched
