// What a physicist checks first in a dataset: jets per split, the label balance, and the q10 / q50 / q90
// quantiles of every observer, for signal and background apart. Printed by `jetstudy dataset inspect`.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// The q-quantile (0 <= q <= 1) with linear interpolation between order statistics (Hyndman & Fan type 7,
// numpy's default); NaN for no values.
double quantile(std::vector<float> values, double q);

// A split by name, for summarize_splits.
struct NamedSplit {
  const char* name;
  const Split* split;
};

// {"classes": [names],
//  "splits": {"<name>": {"jets", "per_class": [n_0, ...], "signal", "background", "signal_fraction"}, ...},
//  "observables": {"mass": {"all": {"q10","q50","q90"}, "signal": {...}, "background": {...}}, ...}}
// from the splits' labels and observers (their images are not looked at). Quantiles are over all splits
// together; "signal" means label 1 (binary datasets).
nlohmann::json summarize_splits(const std::vector<std::string>& classes, const std::vector<NamedSplit>& splits);

// summarize_splits of the train, val and test splits, with "kind": "jetstudy dataset", "hash", "image_shape":
// [C,H,W] and "event_image_shape": [C',H',W'] (only with event images).
nlohmann::json summarize_dataset(const JetDataset& dataset);

}  // namespace jetstudy::data
