// Builds a dataset in memory from its spec: for each class (signal label 1, background label 0) the built-in
// generator makes events, FastJet clusters them, the leading jet is kept if it passes the selection, and it
// becomes an image plus observers. Work runs in parallel chunks (TBB); every chunk has its own generator
// seeded from (source seed, class, chunk index), so the dataset is identical for any number of threads.
#pragma once

#include <functional>
#include <string>

#include "toolkit/data/dataset_spec.h"
#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// Jets per parallel chunk. Part of the dataset's definition: changing it changes the jets (and must change
// kDatasetFormatVersion).
inline constexpr std::int64_t kJetsPerChunk = 128;

// The guard against a window a process cannot produce: once a chunk has generated kGuardMinEvents events, it
// gives up with core::InputError if fewer than 1 in kGuardOneIn of them passed.
inline constexpr std::int64_t kGuardMinEvents = 2000;
inline constexpr std::int64_t kGuardOneIn = 1000;

// `progress` (may be empty) receives one line per finished chunk; calls are serialised.
JetDataset build_dataset(const DatasetSpec& spec, const std::function<void(const std::string&)>& progress = {});

}  // namespace jetstudy::data
