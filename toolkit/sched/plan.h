// Planning is separate from running (ninja's Plan vs CommandRunner): a Plan says which runs of a study are
// already done (by run hash, across all studies in the store) and which are to do. Making a plan writes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "toolkit/recipe/study.h"
#include "toolkit/store/store.h"

namespace jetstudy::sched {

struct PlannedRun {
  recipe::RunSpec spec;
  std::optional<store::RunStatus> stored_status;  // nullopt: never seen by the store
  bool to_do = false;
};

struct Plan {
  std::string study;
  std::vector<PlannedRun> runs;

  int count_to_do() const;
  int count_done() const;  // done in the store and not forced
};

// force = true plans every run again, done or not. Runs marked running (by a live process) are never to do:
// call Store::interrupt_orphaned_runs() first so that runs of killed processes become interrupted.
Plan make_plan(const recipe::Study& study, const store::Store& store, bool force);
// The same, moving the study's runs into the plan instead of copying them (a 10,000-run sweep plans faster).
Plan make_plan(recipe::Study&& study, const store::Store& store, bool force);

// The plan when no results exist yet: every run is new and to do.
Plan make_fresh_plan(const recipe::Study& study);
Plan make_fresh_plan(recipe::Study&& study);

}  // namespace jetstudy::sched
