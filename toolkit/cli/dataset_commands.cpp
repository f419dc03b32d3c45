// Commands on datasets: `dataset build RECIPE` (fill the cache for every dataset a recipe's runs need) and
// `dataset inspect FILE [--json]` (counts, label balance, observer quantiles of a cached dataset, or of the
// top-tagging or jet-images benchmark file; dataset_file_summary.h).
#include <fmt/format.h>

#include <memory>
#include <set>
#include <string>

#include "experiments/study_components.h"
#include "toolkit/cli/subcommand.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/data/dataset_file_summary.h"
#include "toolkit/recipe/run_identity.h"
#include "toolkit/recipe/study.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

struct DatasetArguments {
  RecipeArguments recipe;
  std::string results;
  std::string file;
  bool json = false;
  CLI::App* build = nullptr;
  CLI::App* inspect = nullptr;
};

int build(const DatasetArguments& arguments) {
  const auto study = recipe::load_study(arguments.recipe.recipe, arguments.recipe.overrides,
                                        experiments::study_components());
  const auto layout = sched::prepare_results_for_writing(sched::default_results_root(arguments.results));
  auto store = store::Store::open(layout.database());
  core::install_interrupt_handlers();
  std::set<std::string> built;
  for (const auto& run : study.runs) {
    if (!built.insert(recipe::dataset_identity(run.config)).second) continue;
    const auto dataset = data::build_or_load_dataset(run.config, layout.cache(),
                                                     [](const std::string& line) { fmt::print(stderr, "{}\n", line); });
    store.record_dataset(dataset.hash, dataset.path.string(), dataset.counts);
    fmt::print("{}\n", dataset.path.string());
  }
  return kExitSuccess;
}

std::string shape_text(const nlohmann::json& shape) {
  return fmt::format("{}x{}x{}", shape[0].get<int>(), shape[1].get<int>(), shape[2].get<int>());
}

void print_summary(const nlohmann::json& summary) {
  const std::string kind = summary["kind"];
  if (kind == "top-tagging") {
    fmt::print("top-tagging file {} (pandas {} layout)\n", summary["file"].get<std::string>(),
               summary["layout"].get<std::string>());
  } else if (kind == "jet-images") {
    fmt::print("jet-images file {}  images {}\n", summary["file"].get<std::string>(), shape_text(summary["image_shape"]));
  } else {
    fmt::print("dataset {}  images {}\n", summary["hash"].get<std::string>(), shape_text(summary["image_shape"]));
  }
  fmt::print("{:<6} {:>8} {:>8} {:>10} {:>9}\n", "split", "jets", "signal", "background", "sig.frac");
  for (const char* split : {"train", "val", "test", "all"}) {
    if (!summary["splits"].contains(split)) continue;
    const auto& counts = summary["splits"][split];
    fmt::print("{:<6} {:>8} {:>8} {:>10} {:>9.3f}\n", split, counts["jets"].get<long>(), counts["signal"].get<long>(),
               counts["background"].get<long>(), counts["signal_fraction"].get<double>());
  }
  fmt::print("{:<10} {:<10} {:>10} {:>10} {:>10}\n", "observable", "class", "q10", "q50", "q90");
  for (const auto& [observable, classes] : summary["observables"].items())
    for (const char* jets : {"signal", "background"})
      fmt::print("{:<10} {:<10} {:>10.4g} {:>10.4g} {:>10.4g}\n", observable, jets, classes[jets]["q10"].get<double>(),
                 classes[jets]["q50"].get<double>(), classes[jets]["q90"].get<double>());
}

int inspect(const DatasetArguments& arguments) {
  const auto summary = data::summarize_dataset_file(arguments.file);
  if (arguments.json)
    fmt::print("{}\n", summary.dump(2));
  else
    print_summary(summary);
  return kExitSuccess;
}

}  // namespace

CommandAction define_dataset(CLI::App& command) {
  auto arguments = std::make_shared<DatasetArguments>();
  command.require_subcommand(1);
  arguments->build = command.add_subcommand("build", "build (or find) the cached datasets a recipe's runs need");
  add_recipe_arguments(*arguments->build, arguments->recipe);
  add_results_option(*arguments->build, arguments->results);
  arguments->inspect = command.add_subcommand("inspect", "counts, label balance and observer quantiles of a dataset file");
  arguments->inspect->add_option("file", arguments->file, "a dataset file (results/cache/<hash>.h5), or a top-tagging or jet-images file")->required();
  arguments->inspect->add_flag("--json", arguments->json, "print JSON");
  return [arguments] { return arguments->build->parsed() ? build(*arguments) : inspect(*arguments); };
}

}  // namespace jetstudy::cli
