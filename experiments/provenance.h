// Where a run comes from: host, the jetstudy git revision (and whether the checkout had uncommitted changes),
// and the versions of the libraries that shape its numbers. Stored with every run.
#pragma once

#include "toolkit/store/records.h"

namespace jetstudy::experiments {

// backend and device are left for the caller to fill.
store::RunEnvironment current_environment();

}  // namespace jetstudy::experiments
