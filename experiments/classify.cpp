#include "experiments/classify.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "experiments/interpretability.h"
#include "experiments/run_setup.h"
#include "experiments/test_evaluation.h"
#include "toolkit/core/error.h"
#include "toolkit/losses/builtin.h"
#include "toolkit/metrics/mass_sculpting.h"
#include "toolkit/metrics/roc.h"
#include "toolkit/train/optimizers.h"

namespace jetstudy::experiments {
namespace {

struct Sculpting {
  std::string observer;
  double efficiency = 0.5;
  int bins = 40;
  double low = 0, high = 400;
};

// The loss must match the number of outputs: one logit (binary) or one per class.
void check_loss_fits_classes(const std::string& loss, std::size_t classes) {
  const bool multi = classes > 2;
  if (multi && loss != "cross_entropy")
    throw core::InputError(fmt::format("loss: the dataset has {} classes; train it with loss: cross_entropy (got {})",
                                       classes, loss));
  if (!multi && loss == "cross_entropy")
    throw core::InputError("loss: cross_entropy needs a dataset of more than two classes (data.source.classes); "
                           "use bce for signal vs background");
}

void evaluate_multiclass(const PreparedData& data, const torch::Tensor& logits, store::RunOutcome& outcome) {
  const auto& test = data.dataset.test;
  const auto evaluation = evaluate_multiclass_logits(
      data.dataset.classes, logits, std::vector<std::int64_t>(test.labels.begin(), test.labels.end()), test.weights);
  for (const auto& [name, value] : evaluation.metrics) outcome.metrics.push_back({"test", name, value, std::nullopt});
  outcome.curves.push_back({"confusion", evaluation.confusion});
}

void evaluate_sculpting(const PreparedData& data, const std::vector<float>& scores, const Sculpting& sculpting,
                        store::RunOutcome& outcome) {
  const auto& test = data.dataset.test;
  const auto found = test.observers.find(sculpting.observer);
  if (found == test.observers.end())
    throw core::InputError("experiment.observer: the dataset does not carry '" + sculpting.observer +
                           "'; add it to data.observers");
  const auto result = metrics::mass_sculpting(
      to_doubles(scores), to_doubles(test.labels), to_doubles(found->second), to_doubles(test.weights),
      {sculpting.efficiency, static_cast<std::size_t>(sculpting.bins), sculpting.low, sculpting.high});
  const double background_jets = static_cast<double>(std::count(test.labels.begin(), test.labels.end(), 0.0f));
  // Named after the observer (mass_jsd@0.5) so they do not collide with evaluate:'s jsd@, which bins the background's
  // own mass range; these use the experiment's bins and range, the same for every run of a scan.
  const auto at = fmt::format("{}_jsd@{}", sculpting.observer, sculpting.efficiency);
  // No background passing the cut leaves the JSD undefined (NaN): stored as its bound, 1.
  const double jsd = std::isfinite(result.jsd) ? result.jsd : 1.0;
  outcome.metrics.push_back({"test", at, jsd, std::nullopt});
  outcome.metrics.push_back({"test", "inverse_" + at, jsd > 0 ? 1.0 / jsd : background_jets, std::nullopt});
  outcome.metrics.push_back({"test", "r" + fmt::format("{:g}", 100 * sculpting.efficiency),
                             storable(result.rejection, background_jets), std::nullopt});
  outcome.curves.push_back({"background_" + sculpting.observer,
                            {{"edges", result.edges}, {"before", result.before}, {"after", result.after},
                             {"efficiency", sculpting.efficiency}, {"threshold", result.threshold}}});
}

store::RunOutcome train_and_evaluate(const ExperimentContext& context, const std::optional<Sculpting>& sculpting) {
  const auto& config = context.run.config;
  const auto say = say_for(context);
  const auto device = configure_compute(config.at("train"));
  auto data = prepare_data(context, data::TrainImages::leave_in_file);  // training streams them: training_batches
  const auto classes = data->dataset.classes.size();
  const bool binary = classes <= 2;

  const auto& loss_config = config.at("loss");
  check_loss_fits_classes(loss_config.at("name").get<std::string>(), classes);
  auto loss = make_seeded_loss(loss_config, context.run.seed);
  check_loss_observers(*loss, loss_config, data->dataset.train);

  const auto features = attach_model_features(*data, config.at("model"));
  const auto input = input_spec_for(*data, features, binary ? 1 : static_cast<std::int64_t>(classes));
  const auto experiment = config.at("experiment").at("kind").get<std::string>();
  auto model = build_network(config.at("model"), input, context.run.seed, models::NetworkKind::scorer, experiment);
  const auto validation_metrics = [binary](const torch::Tensor& logits, const train::Examples& validation) {
    if (!binary) {
      const double correct = (logits.argmax(1) == validation.targets.to(torch::kLong)).sum().item<double>();
      return std::map<std::string, double>{{"accuracy", correct / static_cast<double>(logits.size(0))}};
    }
    return std::map<std::string, double>{
        {"auc", metrics::auc(metrics::roc_curve(to_floats(torch::sigmoid(logits)), to_floats(validation.targets)))}};
  };

  store::RunOutcome outcome;
  const auto batches = training_batches(context, *data, loader_examples(*data, features));
  train_network(context, model, *loss, *batches, data->val, validation_metrics, outcome);

  // Test-split evaluation with the best epoch's weights.
  const auto logits = train::predict(*model, data->test, device);
  if (binary) {
    const auto scores = to_floats(torch::sigmoid(logits));
    evaluate_binary_scores(context, *data, scores, data->dataset.test.labels, outcome);
    add_interpretability(*data, *model, scores, device, outcome);
    if (sculpting) evaluate_sculpting(*data, scores, *sculpting, outcome);
  } else {
    evaluate_multiclass(*data, logits, outcome);
  }
  outcome.metrics.push_back({"test", "loss", train::evaluate_loss(*model, *loss, data->test, device), std::nullopt});
  keep_checkpoints(context, outcome);
  return outcome;
}

}  // namespace

recipe::Schema classify_options() { return recipe::Schema::map({}); }

recipe::Schema decorrelate_options() {
  using recipe::Field;
  using recipe::Schema;
  return Schema::map({
      Field::defaulted("observer", Schema::string(), "mass", "the observer whose background shape must survive the cut"),
      Field::defaulted("efficiency", Schema::number().greater_than(0).less_than(1), 0.5,
                       "signal efficiency of the cut the sculpting is measured at (0.5: R50)"),
      Field::defaulted("bins", Schema::integer().min(2), 40, "bins of the observer histograms"),
      Field::defaulted("range", Schema::list(Schema::number()).length(2), nlohmann::json::array({0.0, 400.0}),
                       "observer range of the histograms (GeV for the mass)"),
  });
}

store::RunOutcome run_classify(const ExperimentContext& context) { return train_and_evaluate(context, std::nullopt); }

store::RunOutcome run_decorrelate(const ExperimentContext& context) {
  const auto& config = context.run.config;
  const auto& options = config.at("experiment");
  const auto loss = config.at("loss").at("name").get<std::string>();
  if (loss != "disco" && loss != "pivot" && !config.at("data").contains("downsample"))
    throw core::InputError("the decorrelate experiment needs a decorrelating loss (loss: {name: disco, lambda: ...} "
                           "or {name: pivot, lambda: ...}) or data.downsample; got loss " + loss);
  const auto range = options.at("range").get<std::vector<double>>();
  return train_and_evaluate(context, Sculpting{options.at("observer").get<std::string>(),
                                               options.at("efficiency").get<double>(), options.at("bins").get<int>(),
                                               range[0], range[1]});
}

}  // namespace jetstudy::experiments
