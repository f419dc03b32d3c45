// `jetstudy evaluate RUN --on RECIPE`: a finished classify, decorrelate or anomaly run scored on another recipe's
// dataset (its data and images blocks), stored as an evaluation of that run (experiments/cross_evaluate.h).
#include <fmt/format.h>

#include <memory>

#include "experiments/cross_evaluate.h"
#include "experiments/study_components.h"
#include "toolkit/cli/subcommand.h"
#include "toolkit/core/error.h"
#include "toolkit/recipe/study.h"
#include "toolkit/sched/results_layout.h"
#include "toolkit/store/store.h"

namespace jetstudy::cli {
namespace {

struct EvaluateArguments {
  std::string run;
  RecipeArguments on;
  std::string label;
  std::string results;
};

int evaluate(const EvaluateArguments& arguments) {
  const auto other = recipe::load_study(arguments.on.recipe, arguments.on.overrides, experiments::study_components());
  const auto layout = sched::open_results_for_reading(sched::default_results_root(arguments.results));
  auto store = store::Store::open(layout.database());
  const auto hash = store.run_hash_with_prefix(arguments.run);
  const auto run = store.run(hash);
  if (run->status != store::RunStatus::done)
    throw core::InputError("run " + hash.substr(0, 12) + " is " + store::to_string(run->status) +
                           "; only a finished run can be evaluated on another dataset");
  const auto label = arguments.label.empty() ? other.name : arguments.label;
  const auto say = [](const std::string& text) { fmt::print("  {}\n", text); };
  const auto evaluation =
      experiments::cross_evaluate(hash, run->config, layout.run_directory(hash) / "best.pt",
                                  other.runs.front().config, layout.cache(), label, say);
  store.record_evaluation(evaluation);
  fmt::print("run {} on {} (dataset {}):", hash.substr(0, 12), label, evaluation.dataset_hash.substr(0, 12));
  for (const auto& [name, value] : evaluation.metrics.items()) fmt::print(" {} {:.4g}", name, value.get<double>());
  fmt::print("\n");
  return kExitSuccess;
}

}  // namespace

CommandAction define_evaluate(CLI::App& command) {
  auto arguments = std::make_shared<EvaluateArguments>();
  command.add_option("run", arguments->run, "a finished run's hash (or its first characters, as `status` prints)")
      ->required();
  command.add_option("--on", arguments->on.recipe, "a recipe whose data and images blocks name the other dataset")
      ->required();
  command.add_option("--set", arguments->on.overrides, "override a key of that recipe (repeatable)");
  command.add_option("--label", arguments->label, "how tables name this evaluation (default: that recipe's study)");
  add_results_option(command, arguments->results);
  return [arguments] { return evaluate(*arguments); };
}

}  // namespace jetstudy::cli
