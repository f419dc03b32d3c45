// The recipe schema's plug-ins, gathered from each stage's table: data sources, architectures, losses,
// optimisers, image steps, metrics, experiment kinds.
#pragma once

#include "toolkit/recipe/study_schema.h"

namespace jetstudy::experiments {

const recipe::StudyComponents& study_components();

}  // namespace jetstudy::experiments
