// Expansion of `sweep:` into points: the cartesian product of sweep.grid (keys in the order the file writes
// them, the first key varying slowest) times sweep.seeds (varying fastest). Each grid value is substituted
// into a copy of the located tree and the point is validated, so a bad value is reported at its own line:col.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/recipe/schema.h"
#include "toolkit/recipe/source_tree.h"

namespace jetstudy::recipe {

struct SweepPoint {
  nlohmann::json config;  // validated, defaults filled, `sweep` removed, `seed` set at the top level
  nlohmann::json point;   // {"model.filters": [8,8,8,8], ...}: the swept values, typed; {} without a grid
  std::string label;      // "model.filters=[8,8,8,8] train.optimizer.lr=0.001"; "" without a grid
  std::int64_t seed = 1;
};

// `recipe` is the loaded tree, `resolved` its validation by `schema` (which has checked the shape of
// `sweep:`). A grid key that is not a key path of the schema is a RecipeError at the key, naming the closest
// valid path. Without `sweep:` there is one point with seed 1.
std::vector<SweepPoint> expand_sweep(const SourceNode& recipe, const Schema& schema, const nlohmann::json& resolved);

}  // namespace jetstudy::recipe
