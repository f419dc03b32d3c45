#include "experiments/anomaly.h"

#include <fmt/format.h>

#include "experiments/run_setup.h"
#include "experiments/test_evaluation.h"
#include "toolkit/core/error.h"
#include "toolkit/losses/builtin.h"
#include "toolkit/train/optimizers.h"

namespace jetstudy::experiments {
namespace {

// The rows of one class, on the CPU, with the images as their own targets (an autoencoder reproduces its input).
train::Examples of_class_as_own_targets(const train::Examples& examples, int label) {
  auto selected = examples.rows(torch::nonzero(examples.targets == static_cast<float>(label)).squeeze(1), torch::kCPU);
  selected.targets = selected.images;
  return selected;
}

}  // namespace

recipe::Schema anomaly_options() {
  using recipe::Field;
  using recipe::Schema;
  return Schema::map({
      Field::defaulted("train_on", Schema::integer().min(0), 0,
                       "the class label the autoencoder learns (0: background, e.g. QCD); the others are anomalies"),
  });
}

store::RunOutcome run_anomaly(const ExperimentContext& context) {
  const auto& config = context.run.config;
  const auto say = say_for(context);
  const auto device = configure_compute(config.at("train"));
  auto data = prepare_data(context, data::TrainImages::leave_in_file);  // training streams them: training_batches
  const int normal = config.at("experiment").at("train_on").get<int>();

  const auto& loss_config = config.at("loss");
  if (loss_config.at("name") != "reconstruction")
    throw core::InputError("loss: the anomaly experiment trains with loss: {name: reconstruction} (got " +
                           loss_config.at("name").get<std::string>() + ")");
  const double pixel_weight_power = loss_config.at("pixel_weight_power").get<double>();
  auto loss = make_seeded_loss(loss_config, context.run.seed);

  // The loader streams the trained class only, in full batches; each batch's images are its targets.
  const auto as_own_targets = [to_examples = loader_examples(*data)](data::Batch&& batch, const torch::Device& device) {
    auto examples = to_examples(std::move(batch), device);
    examples.targets = examples.images;
    return examples;
  };
  const auto train_batches = training_batches(context, *data, as_own_targets, normal);
  const auto val_set = of_class_as_own_targets(data->val, normal);
  say(fmt::format("training on class {} only: {} training and {} validation jets", normal, train_batches->size(),
                  val_set.size()));

  const auto input = input_spec_for(*data, {}, 1);
  auto model = build_network(config.at("model"), input, context.run.seed, models::NetworkKind::autoencoder, "anomaly");
  store::RunOutcome outcome;
  train_network(context, model, *loss, *train_batches, val_set, {}, outcome);

  // The anomaly score of every test jet: how badly it is reconstructed. "Signal" = not the trained class.
  const auto scores = reconstruction_scores(*model, data->test, pixel_weight_power, device);
  evaluate_binary_scores(context, *data, scores, anomaly_labels(data->dataset.test.labels, normal), outcome);
  outcome.metrics.push_back({"test", "loss", train::evaluate_loss(*model, *loss, of_class_as_own_targets(data->test, normal), device), std::nullopt});
  keep_checkpoints(context, outcome);
  return outcome;
}

}  // namespace jetstudy::experiments
