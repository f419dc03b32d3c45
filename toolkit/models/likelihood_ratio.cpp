#include "toolkit/models/likelihood_ratio.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::models {

LikelihoodRatioOptions LikelihoodRatioOptions::from_json(const nlohmann::json& options) {
  LikelihoodRatioOptions parsed;
  parsed.inputs(options.at("inputs").get<std::vector<std::string>>())
      .bins(options.at("bins").get<std::int64_t>())
      .pseudo_count(options.at("pseudo_count").get<double>());
  if (options.contains("range")) parsed.range(options.at("range").get<std::vector<BinRange>>());
  return parsed;
}

LikelihoodRatioImpl::LikelihoodRatioImpl(LikelihoodRatioOptions options, const InputSpec& input)
    : options_(std::move(options)), input_(input) {
  const auto dimensions = static_cast<std::int64_t>(options_.inputs().size());
  if (dimensions < 1 || dimensions > 2)
    throw core::InputError(fmt::format("likelihood: model.inputs must name one or two observers, got {}",
                                       options_.inputs()));
  if (input.features != options_.inputs())
    throw core::InputError(fmt::format(
        "likelihood: the model reads observers {}, but the dataset gives {}; list them in data.observers",
        options_.inputs(), input.features));
  if (input.outputs != 1)
    throw core::InputError(fmt::format(
        "likelihood: the binned likelihood ratio scores signal against background, but the dataset has {} classes",
        input.outputs));
  if (options_.bins() < 1)
    throw core::InputError(fmt::format("likelihood: model.bins must be positive, got {}", options_.bins()));
  if (!options_.range().empty() && static_cast<std::int64_t>(options_.range().size()) != dimensions)
    throw core::InputError(fmt::format("likelihood: model.range needs one [low, high] per input ({}), got {}",
                                       dimensions, options_.range().size()));

  auto low = torch::zeros({dimensions}, torch::kFloat32);
  auto high = torch::ones({dimensions}, torch::kFloat32);
  for (std::size_t d = 0; d < options_.range().size(); ++d) {
    const auto [from, to] = options_.range()[d];
    if (!(from < to))
      throw core::InputError(fmt::format("likelihood: model.range of {} must have low < high, got [{}, {}]",
                                         options_.inputs()[d], from, to));
    low[d] = from;
    high[d] = to;
  }
  low_ = register_buffer("low", low);
  high_ = register_buffer("high", high);
  std::vector<std::int64_t> shape(dimensions, options_.bins());
  log_ratio_ = register_buffer("log_ratio", torch::zeros(shape, torch::kFloat32));
  fitted_ = register_buffer("fitted", torch::zeros({}, torch::kFloat32));
}

torch::Tensor LikelihoodRatioImpl::flat_bin_index(const torch::Tensor& features) const {
  const auto bins = options_.bins();
  const auto position = (features.to(low_.dtype()) - low_) / (high_ - low_) * static_cast<double>(bins);
  const auto index = position.floor().clamp(0, bins - 1).to(torch::kLong);  // outside the range: edge bins
  if (index.size(1) == 1) return index.select(1, 0);
  return index.select(1, 0) * bins + index.select(1, 1);
}

void LikelihoodRatioImpl::fit_directly(const NetworkInput& train, const torch::Tensor& labels,
                                       const torch::Tensor& weights) {
  torch::NoGradGuard no_grad;
  const auto device = low_.device();
  JETSTUDY_CHECK(train.features.defined() && train.features.dim() == 2 && train.features.size(1) == low_.size(0),
                 "likelihood needs the training features [N, D] in the order of model.inputs");
  const auto features = train.features.to(device, torch::kFloat64);
  const auto label = labels.to(device).reshape({-1});
  const auto weight = weights.defined() ? weights.to(device, torch::kFloat64).reshape({-1})
                                        : torch::ones({features.size(0)}, features.options());
  const auto is_signal = label > 0.5;
  const auto signal_jets = is_signal.sum().item<std::int64_t>();
  const auto background_jets = features.size(0) - signal_jets;
  if (signal_jets == 0 || background_jets == 0)
    throw core::InputError(fmt::format("likelihood: the training split has {} signal and {} background jets; the "
                                       "likelihood ratio needs both",
                                       signal_jets, background_jets));

  if (options_.range().empty()) {
    const auto quantiles = torch::tensor({0.005, 0.995}, features.options());
    for (std::int64_t d = 0; d < features.size(1); ++d) {
      const auto edges = torch::quantile(features.select(1, d), quantiles);
      double from = edges[0].item<double>(), to = edges[1].item<double>();
      if (!(from < to)) {  // a (nearly) constant observer: one bin around its value
        from -= 0.5;
        to += 0.5;
      }
      low_[d] = from;
      high_[d] = to;
    }
  }

  const auto index = flat_bin_index(features);
  const auto cells = log_ratio_.numel();
  const auto histogram = [&](const torch::Tensor& selected, std::int64_t jets) {
    const auto class_weight = torch::where(selected, weight, torch::zeros_like(weight));
    const auto filled = torch::zeros({cells}, features.options()).index_add_(0, index, class_weight);
    const double pseudo = options_.pseudo_count() * class_weight.sum().item<double>() / static_cast<double>(jets);
    const auto padded = filled + pseudo;
    return padded / padded.sum();  // the class's probability per bin
  };
  const auto signal = histogram(is_signal, signal_jets);
  const auto background = histogram(is_signal.logical_not(), background_jets);
  log_ratio_.copy_((signal.log() - background.log()).reshape(log_ratio_.sizes()));
  fitted_.fill_(1.0);
}

torch::Tensor LikelihoodRatioImpl::forward(const NetworkInput& input) {
  JETSTUDY_CHECK(fitted_.item<float>() > 0, "the likelihood ratio is scored only after fit_directly()");
  JETSTUDY_CHECK(input.features.defined() && input.features.dim() == 2 && input.features.size(1) == low_.size(0),
                 "likelihood needs the batch's features [N, D] in the order of model.inputs");
  return log_ratio_.flatten().index_select(0, flat_bin_index(input.features.to(low_.device())));
}

std::string LikelihoodRatioImpl::description() const {
  std::vector<std::string> ranges;
  for (std::int64_t d = 0; d < low_.size(0); ++d)
    ranges.push_back(fmt::format("{} in [{:.4g}, {:.4g}]", options_.inputs()[d], low_[d].item<double>(),
                                 high_[d].item<double>()));
  return fmt::format("binned likelihood ratio log(p_S/p_B) of {}: {} bins per axis, {}, pseudo-count {} jets per bin",
                     options_.inputs(), options_.bins(),
                     options_.range().empty() && fitted_.item<float>() == 0
                         ? std::string("range from the training split's 0.5%..99.5% quantiles")
                         : fmt::format("{}", fmt::join(ranges, ", ")),
                     options_.pseudo_count());
}

recipe::Schema likelihood_ratio_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  return Schema::map({
      Field::required("inputs", Schema::list(Schema::string()).min_length(1),
                      "one or two observers (e.g. [mass, tau32]); each must be in data.observers"),
      Field::defaulted("bins", Schema::integer().greater_than(0), 20, "bins per axis"),
      Field::optional("range", Schema::list(Schema::list(Schema::number()).length(2)),
                      "[low, high] per input; absent: the training split's 0.5%..99.5% quantiles"),
      Field::defaulted("pseudo_count", Schema::number().greater_than(0), 0.5,
                       "added to every bin of each class, in units of that class's mean jet weight"),
  });
}

}  // namespace jetstudy::models
