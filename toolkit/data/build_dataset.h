// Builds a dataset in memory from its spec: events from the source (built-in generator, top-tagging files or
// HepMC files; source_builds.h), FastJet clusters them, the leading jet is kept if it has pT > 0 and passes the
// selection, and it becomes an image plus observers. Then, per split: weights (1, or flat in data.reweight.in),
// class balancing (data.balance), and the dataset steps of the images block (normalize standardize: fitted on
// the training images, applied to all). The generator runs in parallel chunks (TBB), each with its own generator
// seeded from (source seed, class, chunk index); files are read in order and imaged in parallel blocks; either
// way the dataset is identical for any number of threads.
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

// `progress` (may be empty) receives progress lines (serialised) and warnings: "warning: ... loses 3.2% of the
// jet pT on average ..." when the extent cannot hold the jets (> 1 %), and "... skipped N jets with zero pT".
// The images come back BEFORE the dataset steps: normalize standardize is fitted (pixel_mean, pixel_std) but not
// applied, so the cache file can keep the sparse images; standardize_images() finishes them.
JetDataset build_dataset(const DatasetSpec& spec, const std::function<void(const std::string&)>& progress = {});

// Applies the fitted standardisation to the images in memory of all splits (once: sets dataset.standardized);
// nothing when the dataset has none. A split whose images stayed in the cache file is left alone.
void standardize_images(JetDataset& dataset);

}  // namespace jetstudy::data
