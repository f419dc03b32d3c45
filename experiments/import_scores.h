// Imported scores: the per-jet outputs of a tagger trained elsewhere, scored on the test split of a jetstudy
// dataset and entered into the store as a run of their own (backend "import"), so that taggers from other
// frameworks appear in the same tables and plots as ours -- the common-test-set comparison of the top-tagging
// community study (arXiv:1902.09914). No torch here.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "toolkit/data/jet_dataset.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/records.h"
#include "toolkit/store/store.h"

namespace jetstudy::experiments {

// The metrics an import gets when its dataset comes without a recipe's `evaluate:` list.
const std::vector<std::string>& default_import_metrics();

// The dataset the scores are aligned with, and the metrics to compute on it.
struct ImportDataset {
  data::JetDataset dataset;
  std::vector<std::string> metrics;  // the recipe's `evaluate:` list, or default_import_metrics()
};

// `recipe_or_hash`: an existing recipe file (its dataset is built or loaded through the cache as `jetstudy
// dataset build` does; `overrides` are --set key=value for it) or the hash of a dataset in `cache_directory`
// (full, or the first characters when only one cached dataset starts with them). Throws core::InputError for a
// recipe whose sweep yields several datasets, an unknown or ambiguous hash (listing the cached datasets), and a
// multi-class dataset.
ImportDataset load_import_dataset(const std::string& recipe_or_hash, const std::vector<std::string>& overrides,
                                  const std::filesystem::path& cache_directory,
                                  const std::function<void(const std::string&)>& say = {});

struct ImportRequest {
  std::string study;                  // created when absent
  std::string tagger;                 // the label tables show
  std::filesystem::path scores_file;  // HDF5, NPY or CSV (data/score_file.h)
  std::string column;                 // HDF5 dataset or CSV column; empty: the only one
};

struct ImportedRun {
  std::string hash;
  std::map<std::string, double> metrics;  // test metrics as stored
  std::filesystem::path predictions;      // results/runs/<hash>/predictions.h5
  bool replaced = false;                  // the same scores were imported before; their results were redone
};

// The run identity of an import: content hash of the scores file's SHA-256, the dataset hash and the label.
std::string imported_run_hash(const std::string& scores_sha256, const std::string& dataset_hash,
                              const std::string& tagger);

// Reads the scores, checks one per test jet, computes the metrics (weighted with the dataset's weights; jsd@
// with its mass observer) and the ROC curve, writes predictions.h5 in the run's directory and records the run
// (status done) in `study`. Throws core::InputError naming the scores file for unreadable or non-finite scores
// and for a count that differs from the test split's.
ImportedRun import_scores(const ImportRequest& request, const ImportDataset& dataset,
                          const sched::ResultsLayout& layout, store::Store& store);

}  // namespace jetstudy::experiments
