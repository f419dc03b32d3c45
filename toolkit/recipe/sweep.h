// Expansion of `sweep:` into points. Four axes combine as a product, outermost first:
//   grid    every combination of its lists (keys in the order written, the first key varying slowest),
//   zip     lists advanced together (the i-th value of every key makes setting i),
//   random  n draws of every `params` key from its distribution, reproducible from `random.seed`,
//   seeds   innermost, so every variant is trained on the same seeds (paired comparisons).
// Each point's values are substituted into a copy of the located tree and validated, so a bad value is reported
// at its own line:col. Only the top-level sections a point changes are validated again (the root map has no
// checks across sections), and each section is validated once per distinct setting of the keys inside it.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "toolkit/recipe/schema.h"
#include "toolkit/recipe/source_tree.h"

namespace jetstudy::recipe {

struct SweepPoint {
  nlohmann::json config;  // validated, defaults filled, `sweep` removed, `seed` set at the top level
  nlohmann::json point;   // {"model.filters": [8,8,8,8], ...}: the swept values, typed; {} without swept keys
  std::string label;      // "model.filters=[8,8,8,8] train.optimizer.lr=0.001"; "" without swept keys
  std::int64_t seed = 1;
};

// `recipe` is the loaded tree, `resolved` its validation by `schema` (which has checked the shape of
// `sweep:`). A grid, zip or random key that is not a key path of the schema is a RecipeError at the key, naming
// the closest valid path; so are zip lists of unequal lengths, a key swept twice, and a distribution that is
// unknown or has invalid bounds. Without `sweep:` there is one point with seed 1.
std::vector<SweepPoint> expand_sweep(const SourceNode& recipe, const Schema& schema, const nlohmann::json& resolved);

// ASHA's `keep`: a number in (0, 1) or the text "a/b" with 0 < a < b ("1/3"); nothing when it is neither.
std::optional<double> parse_keep_fraction(const nlohmann::json& value);

// The random-sweep transforms, exposed for tests. They use only the raw 64-bit output of std::mt19937_64 (whose
// sequence the C++ standard fixes), never std::*_distribution (whose output differs between standard libraries).
// uniform in [0, 1) with 53 random bits
double unit_draw(std::mt19937_64& engine);
// an integer in [low, high], unbiased (rejection of the incomplete last block)
std::int64_t integer_draw(std::mt19937_64& engine, std::int64_t low, std::int64_t high);
// `value` rounded to 6 significant digits, so labels read well and a draw does not depend on the last bit of
// the platform's log/exp
double round_significant(double value);

}  // namespace jetstudy::recipe
