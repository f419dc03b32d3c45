// The jets suite's names for the shared test jet builder (tests/make_jet.h).
#pragma once

#include "tests/make_jet.h"

namespace jetstudy::jets::testing {

using jetstudy::testing::make_event;
using jetstudy::testing::make_jet;
using jetstudy::testing::Massless;

}  // namespace jetstudy::jets::testing
