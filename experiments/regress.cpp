#include "experiments/regress.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "experiments/run_setup.h"
#include "experiments/test_evaluation.h"
#include "toolkit/core/error.h"
#include "toolkit/losses/builtin.h"
#include "toolkit/train/optimizers.h"

namespace jetstudy::experiments {
namespace {

// How well predicted values follow the true ones: ratio = predicted / true over jets with a positive truth.
struct Response {
  double bias = 0;        // median(ratio) - 1
  double resolution = 0;  // (q84 - q16) / 2 of ratio
  double rmse = 0;        // sqrt(mean((predicted - true)^2)), in the target's units
};

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  const auto k = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

Response response(const torch::Tensor& predicted, const torch::Tensor& truth) {
  const auto p = predicted.to(torch::kFloat64).contiguous(), t = truth.to(torch::kFloat64).contiguous();
  std::vector<double> ratios;
  for (std::int64_t i = 0; i < t.numel(); ++i)
    if (t.data_ptr<double>()[i] > 0) ratios.push_back(p.data_ptr<double>()[i] / t.data_ptr<double>()[i]);
  return {quantile(ratios, 0.5) - 1, (quantile(ratios, 0.84) - quantile(ratios, 0.16)) / 2,
          torch::sqrt((p - t).pow(2).mean()).item<double>()};
}

void record(store::RunOutcome& outcome, const std::string& prefix, const Response& r) {
  outcome.metrics.push_back({"test", prefix + "bias", r.bias, std::nullopt});
  outcome.metrics.push_back({"test", prefix + "resolution", r.resolution, std::nullopt});
  outcome.metrics.push_back({"test", prefix + "rmse", r.rmse, std::nullopt});
}

void check_mse(const nlohmann::json& loss) {
  if (loss.at("name") != "mse" || loss.value("on", "") != "logits")
    throw core::InputError("loss: the regress experiment trains with loss: {name: mse, on: logits} (got " + loss.dump() + ")");
}

// Every channel but `target` as the network's input, the target channel as what it should output.
void split_channels(train::Examples& examples, std::int64_t target) {
  const auto channels = examples.images.size(1);
  std::vector<std::int64_t> inputs;
  for (std::int64_t c = 0; c < channels; ++c)
    if (c != target) inputs.push_back(c);
  const auto all = examples.images;
  examples.targets = all.slice(1, target, target + 1).contiguous();
  examples.images = all.index_select(1, torch::tensor(inputs, torch::kInt64)).contiguous();
}

// Trains on the training split streamed from the cache (`to_examples` makes each batch's inputs and targets).
store::RunOutcome train_regressor(const ExperimentContext& context, PreparedData& data, models::InputSpec input,
                                  models::NetworkKind kind, const torch::Device& device, train::ToExamples to_examples,
                                  const train::ValidationMetrics& validation_metrics, std::shared_ptr<models::NetworkImpl>& model) {
  const auto& config = context.run.config;
  check_mse(config.at("loss"));
  auto loss = make_seeded_loss(config.at("loss"), context.run.seed);
  model = build_network(config.at("model"), input, context.run.seed, kind, "regress");
  store::RunOutcome outcome;
  const auto batches = training_batches(context, data, std::move(to_examples));
  train_network(context, model, *loss, *batches, data.val, validation_metrics, outcome);
  outcome.metrics.push_back({"test", "loss", train::evaluate_loss(*model, *loss, data.test, device), std::nullopt});
  return outcome;
}

store::RunOutcome regress_per_jet(const ExperimentContext& context, PreparedData& data, const std::string& target,
                                  const torch::Device& device) {
  for (auto* split : {&data.train, &data.val, &data.test}) {
    const auto found = split->observers.find(target);
    if (found == split->observers.end())
      throw core::InputError("experiment.target: the dataset does not carry the observer '" + target +
                             "'; add it to data.observers");
    split->targets = found->second;
  }
  // Standardised targets train better; the predictions are turned back into the target's units. The mean and
  // spread come from the training split's observers (in memory; its images are streamed).
  const double mean = data.train.targets.mean().item<double>();
  const double spread = std::max(data.train.targets.std().item<double>(), 1e-12);
  for (auto* split : {&data.val, &data.test}) split->targets = (split->targets - mean) / spread;
  const auto features = attach_model_features(data, context.run.config.at("model"));
  const auto standardised_targets = [to_examples = loader_examples(data, features), target, mean, spread](
                                        data::Batch&& batch, const torch::Device& device) {
    auto examples = to_examples(std::move(batch), device);
    examples.targets = (examples.observers.at(target) - mean) / spread;
    return examples;
  };

  const auto validation_metrics = [&](const torch::Tensor& outputs, const train::Examples& validation) {
    return std::map<std::string, double>{
        {"resolution", response(outputs * spread + mean, validation.targets * spread + mean).resolution}};
  };
  std::shared_ptr<models::NetworkImpl> model;
  auto outcome = train_regressor(context, data, input_spec_for(data, features, 1), models::NetworkKind::scorer, device,
                                 standardised_targets, validation_metrics, model);
  const auto predicted = train::predict(*model, data.test, device) * spread + mean;
  const auto truth = data.test.targets * spread + mean;
  record(outcome, "", response(predicted, truth));
  outcome.metrics.push_back({"test", "target_mean", mean, std::nullopt});
  outcome.metrics.push_back({"test", "target_std", spread, std::nullopt});
  keep_checkpoints(context, outcome);
  return outcome;
}

store::RunOutcome regress_per_pixel(const ExperimentContext& context, PreparedData& data, std::int64_t target,
                                    const nlohmann::json& options, const torch::Device& device) {
  const auto channels = data.dataset.shape.channels;
  if (target < 0 || target >= channels || channels < 2)
    throw core::InputError(fmt::format("experiment.target_channel: {} is not one of the {} image channels (0-based), or "
                                       "there is no input channel left",
                                       target, channels));
  // The per-jet pT: the pixel sum of the target channel plus any channels named in add_channels (e.g. the
  // charged hard-scatter pT, so the sum is the hard-scatter jet pT).
  const auto add = options.at("add_channels").get<std::vector<std::int64_t>>();
  const auto jet_pt = [&](const torch::Tensor& target_images, const torch::Tensor& all_images) {
    auto sum = target_images.sum({1, 2, 3});
    for (const auto c : add) sum = sum + all_images.select(1, c).sum({1, 2});
    return sum;
  };
  const auto test_all = data.test.images;
  for (auto* split : {&data.val, &data.test}) split_channels(*split, target);
  // The training split's images are streamed: each batch's channels are split the same way.
  const auto channels_split = [to_examples = loader_examples(data), target](data::Batch&& batch,
                                                                            const torch::Device& device) {
    auto examples = to_examples(std::move(batch), device);
    split_channels(examples, target);
    return examples;
  };

  auto input = input_spec_for(data, {}, 1);
  input.channels = channels - 1;
  const auto validation_metrics = [&](const torch::Tensor& outputs, const train::Examples& validation) {
    return std::map<std::string, double>{{"pixel_mse", (outputs - validation.targets).pow(2).mean().item<double>()}};
  };
  std::shared_ptr<models::NetworkImpl> model;
  auto outcome = train_regressor(context, data, input, models::NetworkKind::pixel_regressor, device, channels_split,
                                 validation_metrics, model);
  const auto predicted = train::predict(*model, data.test, device);
  outcome.metrics.push_back({"test", "pixel_mse", (predicted - data.test.targets).pow(2).mean().item<double>(), std::nullopt});
  const auto truth_pt = jet_pt(data.test.targets, test_all);
  record(outcome, "pt_", response(jet_pt(predicted, test_all), truth_pt));
  if (options.contains("baseline_channel")) {
    const auto baseline = options.at("baseline_channel").get<std::int64_t>();
    record(outcome, "baseline_pt_", response(jet_pt(test_all.slice(1, baseline, baseline + 1), test_all), truth_pt));
  }
  keep_checkpoints(context, outcome);
  return outcome;
}

}  // namespace

recipe::Schema regress_options() {
  using recipe::Field;
  using recipe::Schema;
  return Schema::map({
      Field::optional("target", Schema::string(), "per jet: the observer to predict (e.g. truth_pt)"),
      Field::optional("target_channel", Schema::integer().min(0),
                      "per pixel: the image channel (0-based) to predict from the others (PUMML)"),
      Field::defaulted("add_channels", Schema::list(Schema::integer().min(0)), nlohmann::json::array(),
                       "per pixel: channels added to the target's pixel sum to make the jet pT that is reported"),
      Field::optional("baseline_channel", Schema::integer().min(0),
                      "per pixel: a channel whose pixel sum is the uncorrected estimate reported beside ours"),
  });
}

store::RunOutcome run_regress(const ExperimentContext& context) {
  const auto& config = context.run.config;
  const auto& options = config.at("experiment");
  if (options.contains("target") == options.contains("target_channel"))
    throw core::InputError("experiment: regress needs exactly one of target (an observer, per jet) or target_channel "
                           "(an image channel, per pixel)");
  const auto device = configure_compute(config.at("train"));
  auto data = prepare_data(context, data::TrainImages::leave_in_file);  // training streams them: training_batches
  if (options.contains("target")) return regress_per_jet(context, *data, options.at("target").get<std::string>(), device);
  return regress_per_pixel(context, *data, options.at("target_channel").get<std::int64_t>(), options, device);
}

}  // namespace jetstudy::experiments
