#include "toolkit/models/mass_adversary.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::models {

MassAdversaryOptions MassAdversaryOptions::from_json(const nlohmann::json& options) {
  const auto range = options.at("range").get<std::vector<double>>();
  MassAdversaryOptions parsed;
  parsed.kind(options.at("kind").get<std::string>())
      .components(options.at("components").get<std::int64_t>())
      .bins(options.at("bins").get<std::int64_t>())
      .hidden(options.at("hidden").get<std::vector<std::int64_t>>())
      .range_min(range.at(0))
      .range_max(range.at(1));
  return parsed;
}

recipe::Schema mass_adversary_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  const auto increasing_pair = Schema::list(Schema::number()).length(2).satisfying(
      [](const nlohmann::json& range) -> std::optional<std::string> {
        if (range[0].get<double>() < range[1].get<double>()) return std::nullopt;
        return fmt::format("expected [min, max] with min < max, got [{}, {}]", range[0].get<double>(),
                           range[1].get<double>());
      });
  return Schema::map({
      Field::defaulted("kind", Schema::one_of({"mdn", "binned"}, "adversary kind"), "mdn",
                       "mdn: a mixture of Gaussians over the observer; binned: a softmax over observer bins"),
      Field::defaulted("components", Schema::integer().greater_than(0), 5, "mdn: Gaussians in the mixture"),
      Field::defaulted("bins", Schema::integer().greater_than(1), 20, "binned: equal bins over the range"),
      Field::defaulted("hidden", Schema::list(Schema::integer().greater_than(0)), {64, 64},
                       "widths of the adversary's dense layers"),
      Field::defaulted("range", increasing_pair, {0.0, 400.0},
                       "[min, max] of the observer in its units (GeV for the mass): the mdn scales it to [0, 1], "
                       "the binned adversary bins it"),
  });
}

MassAdversaryImpl::MassAdversaryImpl(MassAdversaryOptions options) : options_(std::move(options)) {
  const bool mdn = options_.kind() == "mdn";
  if (!mdn && options_.kind() != "binned")
    throw core::InputError(fmt::format("mass adversary: unknown kind '{}'; expected mdn or binned", options_.kind()));
  if (mdn && options_.components() < 1)
    throw core::InputError(fmt::format("mass adversary: components must be at least 1, got {}", options_.components()));
  if (!mdn && options_.bins() < 2)
    throw core::InputError(fmt::format("mass adversary: bins must be at least 2, got {}", options_.bins()));
  if (!(options_.range_min() < options_.range_max()))
    throw core::InputError(fmt::format("mass adversary: range must be [min, max] with min < max, got [{}, {}]",
                                       options_.range_min(), options_.range_max()));

  network_ = torch::nn::Sequential();
  std::int64_t width_in = 1;  // the classifier's score
  for (const auto units : options_.hidden()) {
    if (units < 1) throw core::InputError(fmt::format("mass adversary: hidden widths must be positive, got {}", units));
    network_->push_back(torch::nn::Linear(width_in, units));
    network_->push_back(torch::nn::ReLU());
    width_in = units;
  }
  network_->push_back(torch::nn::Linear(width_in, mdn ? 3 * options_.components() : options_.bins()));
  register_module("network", network_);
}

torch::Tensor MassAdversaryImpl::forward(const torch::Tensor& scores) {
  const auto dtype = network_->parameters().front().scalar_type();  // scores in float64 meet float32 weights
  return network_->forward(scores.reshape({-1, 1}).to(dtype));
}

torch::Tensor MassAdversaryImpl::scaled(const torch::Tensor& observer) const {
  return (observer - options_.range_min()) / (options_.range_max() - options_.range_min());
}

torch::Tensor MassAdversaryImpl::per_jet_nll(const torch::Tensor& scores, const torch::Tensor& observer) {
  const auto z = scaled(observer.reshape({-1}).to(scores.dtype()));
  const auto raw = forward(scores);
  if (options_.kind() == "binned") {
    const auto bin = (z * static_cast<double>(options_.bins())).floor().clamp(0, options_.bins() - 1).to(torch::kLong);
    return torch::nn::functional::cross_entropy(
        raw, bin, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  }
  // -log sum_k pi_k N(z; mu_k, sigma_k), in the log-sum-exp form.
  const auto parts = raw.chunk(3, /*dim=*/1);
  const auto& mean = parts[0];
  const auto width = torch::nn::functional::softplus(parts[1]) + 1e-3;  // positive, never collapsing to zero
  const auto log_mixture = torch::log_softmax(parts[2], /*dim=*/1);
  const auto pull = (z.unsqueeze(1) - mean) / width;
  const auto log_gauss = -0.5 * pull * pull - width.log() - 0.5 * std::log(2 * M_PI);
  return -torch::logsumexp(log_mixture + log_gauss, /*dim=*/1);
}

torch::Tensor MassAdversaryImpl::negative_log_likelihood(const torch::Tensor& scores, const torch::Tensor& observer,
                                                         const torch::Tensor& weights) {
  JETSTUDY_CHECK(scores.numel() == observer.numel(), "mass adversary: scores and observer differ in length");
  const auto nll = per_jet_nll(scores, observer);
  if (!weights.defined()) return nll.mean();
  const auto w = weights.reshape({-1}).to(nll.dtype());
  return (nll * w).sum() / w.sum().clamp_min(1e-12);
}

std::string MassAdversaryImpl::description() const {
  const auto shape = options_.kind() == "mdn" ? fmt::format("{} Gaussians", options_.components())
                                              : fmt::format("softmax over {} bins", options_.bins());
  return fmt::format("mass adversary p(observer | score): dense {} -> {} over [{}, {}]", options_.hidden(), shape,
                     options_.range_min(), options_.range_max());
}

}  // namespace jetstudy::models
