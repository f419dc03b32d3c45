#include "toolkit/models/deeptop.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"
#include "toolkit/models/channels_last.h"

namespace jetstudy::models {

DeepTopOptions DeepTopOptions::from_json(const nlohmann::json& options) {
  DeepTopOptions parsed;
  parsed.filters(options.at("filters").get<std::vector<std::int64_t>>())
      .kernel(options.at("kernel").get<std::int64_t>())
      .padding(options.at("padding").get<std::int64_t>())
      .pool_after(options.at("pool_after").get<std::vector<std::int64_t>>())
      .pool(options.at("pool").get<std::int64_t>())
      .dense(options.at("dense").get<std::vector<std::int64_t>>())
      .dropout(options.at("dropout").get<double>());
  return parsed;
}

DeepTopImpl::DeepTopImpl(DeepTopOptions options, const InputSpec& input) : options_(std::move(options)), input_(input) {
  if (options_.filters().empty()) throw core::InputError("deeptop: model.filters must name at least one conv layer");
  for (const auto layer : options_.pool_after()) {
    if (layer < 1 || layer > static_cast<std::int64_t>(options_.filters().size()))
      throw core::InputError(fmt::format("deeptop: model.pool_after names conv layer {}, but there are {} conv layers",
                                         layer, options_.filters().size()));
  }

  // Follow the spatial shape through the stack so a bad combination fails here, with the shapes named.
  features_ = torch::nn::Sequential();
  std::int64_t channels = input.channels, height = input.height, width = input.width;
  for (std::size_t i = 0; i < options_.filters().size(); ++i) {
    const std::int64_t layer = static_cast<std::int64_t>(i) + 1;
    height = height + 2 * options_.padding() - options_.kernel() + 1;
    width = width + 2 * options_.padding() - options_.kernel() + 1;
    const bool pooled = std::count(options_.pool_after().begin(), options_.pool_after().end(), layer) > 0;
    if (pooled) {
      height /= options_.pool();
      width /= options_.pool();
    }
    if (height < 1 || width < 1)
      throw core::InputError(fmt::format(
          "deeptop: a {} image does not fit this network: after conv layer {} (kernel {}, padding {}{}) it would be "
          "{}x{}; use fewer conv/pool layers, a smaller kernel or more padding",
          input.to_string(), layer, options_.kernel(), options_.padding(),
          pooled ? fmt::format(", then max-pool {}", options_.pool()) : "", height, width));
    features_->push_back(torch::nn::Conv2d(
        torch::nn::Conv2dOptions(channels, options_.filters()[i], options_.kernel()).padding(options_.padding())));
    features_->push_back(torch::nn::ReLU());
    if (pooled) features_->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(options_.pool())));
    channels = options_.filters()[i];
  }
  features_->push_back(torch::nn::Flatten());

  head_ = torch::nn::Sequential();
  std::int64_t width_in = channels * height * width;
  for (const auto units : options_.dense()) {
    if (options_.dropout() > 0) head_->push_back(torch::nn::Dropout(options_.dropout()));
    head_->push_back(torch::nn::Linear(width_in, units));
    head_->push_back(torch::nn::ReLU());
    width_in = units;
  }
  head_->push_back(torch::nn::Linear(width_in, input.outputs));

  register_module("features", features_);
  register_module("head", head_);
  use_channels_last(*this);
}

torch::Tensor DeepTopImpl::forward(const NetworkInput& input) {
  const auto logits = head_->forward(features_->forward(as_channels_last(input.images)));
  return input_.outputs == 1 ? logits.squeeze(1) : logits;
}

std::string DeepTopImpl::description() const {
  return fmt::format("DeepTop CNN on {}: conv filters {} kernel {} padding {}, max-pool {} after layers {}, dense {}, "
                     "dropout {}",
                     input_.to_string(), options_.filters(), options_.kernel(), options_.padding(), options_.pool(),
                     options_.pool_after(), options_.dense(), options_.dropout());
}

}  // namespace jetstudy::models
