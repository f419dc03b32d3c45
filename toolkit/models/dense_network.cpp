#include "toolkit/models/dense_network.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::models {

DenseNetworkOptions DenseNetworkOptions::from_json(const nlohmann::json& options) {
  DenseNetworkOptions parsed;
  parsed.inputs(options.at("inputs").get<std::vector<std::string>>())
      .layers(options.at("layers").get<std::vector<std::int64_t>>())
      .dropout(options.at("dropout").get<double>());
  return parsed;
}

DenseNetworkImpl::DenseNetworkImpl(DenseNetworkOptions options, const InputSpec& input)
    : options_(std::move(options)), input_(input) {
  if (options_.inputs().empty())
    throw core::InputError("dense: model.inputs must name at least one observer, e.g. [mass, tau32]");
  if (input.features.empty())
    throw core::InputError(fmt::format(
        "dense: the dataset offers no observer features, but the model reads {}; list them in data.observers",
        options_.inputs()));
  if (input.features != options_.inputs())
    throw core::InputError(fmt::format("dense: the model reads observers {}, but the dataset gives {}",
                                       options_.inputs(), input.features));
  const auto count = static_cast<std::int64_t>(input.features.size());
  JETSTUDY_CHECK(static_cast<std::int64_t>(input.feature_mean.size()) == count &&
                     static_cast<std::int64_t>(input.feature_std.size()) == count,
                 "one mean and one standard deviation per feature");

  // A constant observer (std 0) is only shifted, not divided by zero.
  auto spread = torch::tensor(input.feature_std, torch::kFloat32);
  spread = torch::where(spread > 0, spread, torch::ones_like(spread));
  mean_ = register_buffer("feature_mean", torch::tensor(input.feature_mean, torch::kFloat32));
  std_ = register_buffer("feature_std", spread);

  layers_ = torch::nn::Sequential();
  std::int64_t width_in = count;
  for (const auto units : options_.layers()) {
    layers_->push_back(torch::nn::Linear(width_in, units));
    layers_->push_back(torch::nn::ReLU());
    if (options_.dropout() > 0) layers_->push_back(torch::nn::Dropout(options_.dropout()));
    width_in = units;
  }
  layers_->push_back(torch::nn::Linear(width_in, input.outputs));
  register_module("layers", layers_);
}

torch::Tensor DenseNetworkImpl::forward(const NetworkInput& input) {
  JETSTUDY_CHECK(input.features.defined() && input.features.dim() == 2 && input.features.size(1) == mean_.size(0),
                 "dense needs the batch's features [N, F] in the order of model.inputs");
  const auto logits = layers_->forward((input.features - mean_) / std_);
  return input_.outputs == 1 ? logits.squeeze(1) : logits;
}

std::string DenseNetworkImpl::description() const {
  return fmt::format("dense network on observers {}: layers {}, dropout {}, standardised inputs, {} output(s)",
                     options_.inputs(), options_.layers(), options_.dropout(), input_.outputs);
}

recipe::Schema dense_network_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  return Schema::map({
      Field::required("inputs", Schema::list(Schema::string()).min_length(1),
                      "observers the network reads, in order (e.g. [mass, tau32]); each must be in data.observers"),
      Field::defaulted("layers", Schema::list(Schema::integer().greater_than(0)), {64, 64},
                       "widths of the hidden layers; the CMS Open Data dense baseline is [500, 500, 500, 500, 500] "
                       "with dropout 0.5"),
      Field::defaulted("dropout", Schema::number().min(0).less_than(1), 0.0, "dropout after each hidden layer"),
  });
}

}  // namespace jetstudy::models
