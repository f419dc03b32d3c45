// The images suite's names for the shared test jet builder (tests/make_jet.h).
#pragma once

#include "tests/make_jet.h"

namespace jetstudy::images::testing {

using PtEtaPhi = jetstudy::testing::Massless;
using jetstudy::testing::make_jet;

}  // namespace jetstudy::images::testing
