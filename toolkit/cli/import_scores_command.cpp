// `jetstudy import-scores --study NAME --tagger LABEL --dataset RECIPE_OR_HASH SCORES_FILE`: the per-jet scores of
// a tagger trained elsewhere, scored on a jetstudy dataset's test split and stored as a run of their own
// (experiments/import_scores.h; formats in docs/formats.md "Imported scores").
#include <fmt/format.h>

#include <memory>

#include "experiments/import_scores.h"
#include "toolkit/cli/subcommand.h"
#include "toolkit/data/score_file.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

struct ImportArguments {
  std::string study;
  std::string tagger;
  std::string dataset;
  std::vector<std::string> overrides;
  std::string scores_file;
  std::string column;
  std::string results;
};

int import_scores(const ImportArguments& arguments) {
  data::detect_score_format(arguments.scores_file);  // a missing file fails before any dataset is built
  const auto layout = sched::prepare_results_for_writing(sched::default_results_root(arguments.results));
  const auto say = [](const std::string& text) { fmt::print(stderr, "  {}\n", text); };
  const auto dataset = experiments::load_import_dataset(arguments.dataset, arguments.overrides, layout.cache(), say);
  auto store = store::Store::open(layout.database());
  const auto run = experiments::import_scores(
      {arguments.study, arguments.tagger, arguments.scores_file, arguments.column}, dataset, layout, store);
  fmt::print("{} {} as run {} in study {} (dataset {}, {} test jets):", run.replaced ? "re-imported" : "imported",
             arguments.tagger, run.hash.substr(0, 12), arguments.study, dataset.dataset.hash.substr(0, 12),
             dataset.dataset.test.size);
  for (const auto& [name, value] : run.metrics) fmt::print(" {} {:.4g}", name, value);
  fmt::print("\n");
  return kExitSuccess;
}

}  // namespace

CommandAction define_import_scores(CLI::App& command) {
  auto arguments = std::make_shared<ImportArguments>();
  command.add_option("scores", arguments->scores_file, "per-jet scores: HDF5, NPY (float32/64) or CSV")->required();
  command.add_option("--study", arguments->study, "the study the run joins (created when absent)")->required();
  command.add_option("--tagger", arguments->tagger, "the tagger's name in tables and plots")->required();
  command.add_option("--dataset", arguments->dataset,
                     "a recipe (its dataset is built or loaded from the cache) or a cached dataset's hash")
      ->required();
  command.add_option("--set", arguments->overrides, "override a key of that recipe (repeatable)");
  command.add_option("--column,--key", arguments->column,
                     "the CSV column or HDF5 dataset holding the scores (default: the only one)");
  add_results_option(command, arguments->results);
  return [arguments] { return import_scores(*arguments); };
}

}  // namespace jetstudy::cli
