// The life of a run in the store: pending -> running -> done | failed | interrupted, and the rule for which
// transitions are allowed (docs/store.md draws the diagram).
#pragma once

#include <string>

namespace jetstudy::store {

enum class RunStatus { pending, running, done, failed, interrupted };

// "pending", "running", "done", "failed", "interrupted" -- the spelling stored in the runs.status column.
std::string to_string(RunStatus status);

// The inverse of to_string; an unknown spelling is a broken database or our bug (InternalError).
RunStatus parse_run_status(const std::string& text);

// Whether a run in `from` may be (re)started. pending, failed and interrupted runs may; a done run only when the
// user forces it (--force); a running run never (it must first be marked interrupted).
bool may_start(RunStatus from, bool force);

// Whether a run in `from` may be finished (done, failed or interrupted): only a running one.
bool may_finish(RunStatus from);

}  // namespace jetstudy::store
