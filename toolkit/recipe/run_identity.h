// The identity of a run and of a dataset. A run is the SHA-256 of the canonical JSON of its resolved recipe
// with the keys that only say how and where it runs or is shown left out (study, description, base, run,
// expect, sweep, train.device, train.threads) and the seed kept: two studies with the same physics share
// runs, and moving a run to a GPU does not make it a new run. A dataset is the hash of `data:` + `images:`.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/recipe/sweep.h"

namespace jetstudy::recipe {

struct RunSpec {
  nlohmann::json config;  // the fully resolved, validated recipe of this point (defaults filled, sweep applied,
                          //  `sweep` removed, `seed` set at the top level)
  std::int64_t seed = 1;
  nlohmann::json point;   // {"model.filters": [8,8,8,8], ...}: the swept values of this point ({} if none)
  std::string label;      // "model.filters=[8,8,8,8] train.optimizer.lr=0.001" ("" if none)
  std::string hash;       // run identity
};

// Dotted key paths left out of a run's identity.
const std::vector<std::string>& scheduling_keys();

// The part of a resolved config that defines what a run computes.
nlohmann::json identity_config(const nlohmann::json& config);

// content_hash(identity_config(config)).
std::string run_identity(const nlohmann::json& config);

// content_hash of {"data": ..., "images": ...}.
std::string dataset_identity(const nlohmann::json& config);

RunSpec make_run_spec(SweepPoint point);

}  // namespace jetstudy::recipe
