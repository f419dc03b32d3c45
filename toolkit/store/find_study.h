// Looking a study up by the name a user typed: a missing one is an input error that lists what exists.
#pragma once

#include <string>

#include "toolkit/store/records.h"
#include "toolkit/store/store.h"

namespace jetstudy::store {

// Throws core::InputError "<db>: no study 'x'; did you mean 'y'?; the studies there are: a, b" when absent.
StudyRecord find_study(const Store& store, const std::string& name);

}  // namespace jetstudy::store
