#include "experiments/import_scores.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>

#include "experiments/provenance.h"
#include "experiments/study_components.h"
#include "toolkit/core/canonical_json.h"
#include "toolkit/core/error.h"
#include "toolkit/core/sha256.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/predictions_file.h"
#include "toolkit/data/score_file.h"
#include "toolkit/metrics/evaluate.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/recipe/run_identity.h"
#include "toolkit/recipe/study.h"

namespace jetstudy::experiments {
namespace {

// The hashes of the datasets in the cache directory (<hash>.h5), sorted.
std::vector<std::string> cached_dataset_hashes(const std::filesystem::path& cache_directory) {
  std::vector<std::string> hashes;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(cache_directory, error))
    if (entry.is_regular_file() && entry.path().extension() == ".h5") hashes.push_back(entry.path().stem().string());
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

std::string listing(const std::vector<std::string>& hashes) {
  if (hashes.empty()) return "none";
  std::string out;
  for (const auto& hash : hashes) out += (out.empty() ? "" : ", ") + hash.substr(0, 12);
  return out;
}

data::JetDataset cached_dataset(const std::string& prefix, const std::filesystem::path& cache_directory) {
  const auto hashes = cached_dataset_hashes(cache_directory);
  std::vector<std::string> matches;
  for (const auto& hash : hashes)
    if (hash.rfind(prefix, 0) == 0) matches.push_back(hash);
  if (matches.empty())
    throw core::InputError(fmt::format("'{}' is neither a recipe file nor a dataset in {} (cached datasets: {}); "
                                       "`jetstudy dataset build RECIPE` builds one",
                                       prefix, cache_directory.string(), listing(hashes)));
  if (matches.size() > 1)
    throw core::InputError(fmt::format("'{}' starts the hashes of {} cached datasets ({}); give more of it", prefix,
                                       matches.size(), listing(matches)));
  return data::read_dataset_file(cache_directory / (matches.front() + ".h5"));
}

// "the size of the val split" when the count matches another split: the usual mistake.
std::string other_split_hint(std::size_t count, const data::JetDataset& dataset) {
  for (const auto& [name, split] : {std::pair{"train", &dataset.train}, std::pair{"val", &dataset.val}})
    if (split->size == static_cast<std::int64_t>(count))
      return fmt::format(" ({} is the size of the {} split; scores must be for the test split)", count, name);
  return "";
}

// The store keeps finite numbers: a rejection where no background passes becomes the bound the sample resolves.
double storable(double value, double background_jets) { return std::isfinite(value) ? value : background_jets; }

}  // namespace

const std::vector<std::string>& default_import_metrics() {
  static const std::vector<std::string> names = {"auc", "accuracy", "rejection@0.3", "rejection@0.5", "sic_max"};
  return names;
}

ImportDataset load_import_dataset(const std::string& recipe_or_hash, const std::vector<std::string>& overrides,
                                  const std::filesystem::path& cache_directory,
                                  const std::function<void(const std::string&)>& say) {
  ImportDataset result;
  if (std::filesystem::is_regular_file(recipe_or_hash)) {
    const auto study = recipe::load_study(recipe_or_hash, overrides, study_components());
    std::set<std::string> datasets;
    for (const auto& run : study.runs) datasets.insert(recipe::dataset_identity(run.config));
    if (datasets.size() > 1)
      throw core::InputError(fmt::format("{}: the sweep gives {} datasets; name one by its hash (`jetstudy dataset "
                                         "build {}` prints their files)",
                                         recipe_or_hash, datasets.size(), recipe_or_hash));
    const auto& config = study.runs.front().config;
    result.dataset = data::build_or_load_dataset(config, cache_directory, say);
    result.metrics = config.at("evaluate").get<std::vector<std::string>>();
  } else {
    if (!overrides.empty())
      throw core::InputError("--set changes a recipe; '" + recipe_or_hash + "' is not a recipe file");
    result.dataset = cached_dataset(recipe_or_hash, cache_directory);
    result.metrics = default_import_metrics();
  }
  if (result.dataset.classes.size() != 2)
    throw core::InputError(fmt::format("dataset {} has {} classes; imported scores are compared on binary "
                                       "(signal / background) datasets",
                                       result.dataset.hash.substr(0, 12), result.dataset.classes.size()));
  return result;
}

std::string imported_run_hash(const std::string& scores_sha256, const std::string& dataset_hash,
                              const std::string& tagger) {
  return core::content_hash({{"scores_sha256", scores_sha256}, {"dataset", dataset_hash}, {"tagger", tagger}});
}

ImportedRun import_scores(const ImportRequest& request, const ImportDataset& imported, const sched::ResultsLayout& layout,
                          store::Store& store) {
  const auto started = std::chrono::steady_clock::now();
  const auto& dataset = imported.dataset;
  const auto& test = dataset.test;
  const auto& path = request.scores_file;
  if (request.tagger.empty()) throw core::InputError("the tagger label is empty; give --tagger NAME");

  const auto raw = data::read_score_file(path, request.column);
  if (raw.size() != static_cast<std::size_t>(test.size))
    throw core::InputError(fmt::format("{}: {} scores, but the test split of dataset {} has {} jets{}; give one "
                                       "score per test jet, in the dataset's order",
                                       path.string(), raw.size(), dataset.hash.substr(0, 12), test.size,
                                       other_split_hint(raw.size(), dataset)));
  // Stored like our runs' outputs (float32); a score beyond float range would become infinite there.
  std::vector<float> scores(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (std::abs(raw[i]) > std::numeric_limits<float>::max())
      throw core::InputError(fmt::format("{}: score {} in row {} (0-based) is beyond float32 range", path.string(),
                                         raw[i], i));
    scores[i] = static_cast<float>(raw[i]);
  }

  ImportedRun result;
  const auto scores_sha256 = core::sha256_file_hex(path);
  result.hash = imported_run_hash(scores_sha256, dataset.hash, request.tagger);
  const nlohmann::json config = {{"experiment", {{"kind", "imported"}}},
                                 {"tagger", request.tagger},
                                 {"source", std::filesystem::absolute(path).lexically_normal().string()},
                                 {"dataset", dataset.hash}};

  store::RunOutcome outcome;
  const double background_jets = static_cast<double>(std::count(test.labels.begin(), test.labels.end(), 0.0f));
  const auto input = metrics::evaluation_input(scores, test.labels, test.weights, test.observers);
  for (const auto& [name, value] : metrics::evaluate(imported.metrics, input)) {
    result.metrics[name] = storable(value, background_jets);
    outcome.metrics.push_back({"test", name, result.metrics[name], std::nullopt});
  }
  outcome.curves.push_back({"roc", metrics::compact_curve(metrics::roc_curve(scores, test.labels, test.weights))});

  const auto directory = layout.run_directory(result.hash);
  std::filesystem::create_directories(directory);
  result.predictions = directory / "predictions.h5";
  data::write_predictions_file(result.predictions, {dataset.hash, scores, test.labels, test.observers});
  outcome.artifacts.push_back({"predictions", result.predictions.string(), core::sha256_file_hex(result.predictions)});

  if (!store.study(request.study))
    store.upsert_study(request.study, "", {{"study", request.study}, {"imported", true}});
  store.record_dataset(dataset.hash, dataset.path.string(), dataset.counts);
  // The same scores imported again from another place keep the configuration they were first stored with.
  const auto existing = store.run(result.hash);
  result.replaced = existing.has_value();
  store.add_run(request.study, result.hash, existing ? existing->config : config, 0, {{"tagger", request.tagger}},
                request.tagger);

  auto environment = current_environment();
  environment.backend = "import";
  environment.device = "none";
  store.mark_running(result.hash, environment, /*force=*/true);
  const double duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  store.mark_done(result.hash, outcome, duration_s);
  return result;
}

}  // namespace jetstudy::experiments
