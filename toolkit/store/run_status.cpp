#include "toolkit/store/run_status.h"

#include "toolkit/core/error.h"

namespace jetstudy::store {

std::string to_string(RunStatus status) {
  switch (status) {
    case RunStatus::pending: return "pending";
    case RunStatus::running: return "running";
    case RunStatus::done: return "done";
    case RunStatus::failed: return "failed";
    case RunStatus::interrupted: return "interrupted";
  }
  throw core::InternalError("to_string: RunStatus out of range");
}

RunStatus parse_run_status(const std::string& text) {
  for (RunStatus status : {RunStatus::pending, RunStatus::running, RunStatus::done, RunStatus::failed,
                           RunStatus::interrupted}) {
    if (to_string(status) == text) return status;
  }
  throw core::InternalError("unknown run status '" + text +
                            "' (expected pending, running, done, failed or interrupted)");
}

bool may_start(RunStatus from, bool force) {
  switch (from) {
    case RunStatus::pending:
    case RunStatus::failed:
    case RunStatus::interrupted: return true;
    case RunStatus::done: return force;
    case RunStatus::running: return false;
  }
  return false;
}

bool may_finish(RunStatus from) { return from == RunStatus::running; }

}  // namespace jetstudy::store
