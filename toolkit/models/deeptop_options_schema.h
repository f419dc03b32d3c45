// Recipe schema of DeepTop's options (kept apart from deeptop.cpp so the schema needs no LibTorch).
#pragma once

#include "toolkit/recipe/schema.h"

namespace jetstudy::models {

recipe::Schema deeptop_options_schema();

}  // namespace jetstudy::models
