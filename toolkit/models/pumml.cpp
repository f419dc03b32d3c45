#include "toolkit/models/pumml.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::models {
namespace {

constexpr double kOutputBias = 0.1;  // initial bias of the layer before the output ReLU

}  // namespace

PummlOptions PummlOptions::from_json(const nlohmann::json& options) {
  PummlOptions parsed;
  parsed.filters(options.at("filters").get<std::vector<std::int64_t>>())
      .kernels(options.at("kernels").get<std::vector<std::int64_t>>());
  return parsed;
}

recipe::Schema pumml_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  const auto positive_list = Schema::list(Schema::integer().greater_than(0)).min_length(1);
  return Schema::map({
      Field::defaulted("filters", positive_list, {10, 10},
                       "output channels of each conv layer (a 1x1 projection to one channel follows if the last > 1)"),
      Field::defaulted("kernels", positive_list, {6, 3}, "square kernel of each conv layer, one per entry of filters"),
  });
}

PummlImpl::PummlImpl(PummlOptions options, const InputSpec& input) : options_(std::move(options)), input_(input) {
  const auto& o = options_;
  if (o.filters().empty()) throw core::InputError("pumml: model.filters must name at least one conv layer");
  if (o.kernels().size() != o.filters().size())
    throw core::InputError(fmt::format("pumml: model.kernels needs one kernel per conv layer: {} filters, {} kernels",
                                       o.filters().size(), o.kernels().size()));
  if (input.channels < 2)
    throw core::InputError(fmt::format(
        "pumml: the dataset's images are {}, but PUMML needs at least 2 channels (charged hard-scatter pT, charged "
        "pile-up pT, total neutral pT)",
        input.to_string()));

  layers_ = torch::nn::Sequential();
  torch::nn::Conv2d last{nullptr};
  std::int64_t channels = input.channels;
  for (std::size_t i = 0; i < o.filters().size(); ++i) {
    const std::int64_t kernel = o.kernels()[i];
    if (kernel > input.height || kernel > input.width)
      throw core::InputError(fmt::format("pumml: conv layer {} has a {}x{} kernel, larger than the {} images",
                                         i + 1, kernel, kernel, input.to_string()));
    // Same size for any kernel: (k-1)/2 zeros before, k/2 after.
    const std::int64_t before = (kernel - 1) / 2, after = kernel / 2;
    layers_->push_back(torch::nn::ZeroPad2d(torch::nn::ZeroPad2dOptions({before, after, before, after})));
    last = torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, o.filters()[i], kernel));
    layers_->push_back(last);
    layers_->push_back(torch::nn::ReLU());
    channels = o.filters()[i];
  }
  if (channels > 1) {
    last = torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 1, 1));
    layers_->push_back(last);
    layers_->push_back(torch::nn::ReLU());
  }
  // The output ReLU starts alive: with a random bias, about half of the freshly built networks put every output
  // pixel below zero and, with no gradient through the ReLU, never learn (seen in 6 of 12 seeds on a toy task).
  torch::nn::init::constant_(last->bias, kOutputBias);
  register_module("layers", layers_);
}

torch::Tensor PummlImpl::forward(const NetworkInput& input) {
  const auto& images = input.images;
  check_image_batch(images, input_, "pumml");
  return layers_->forward(images);
}

std::string PummlImpl::description() const {
  return fmt::format("PUMML on {} -> 1x{}x{}: conv filters {} kernels {} (same size, ReLU){}", input_.to_string(),
                     input_.height, input_.width, options_.filters(), options_.kernels(),
                     options_.filters().back() > 1 ? ", 1x1 ReLU projection to one channel" : "");
}

}  // namespace jetstudy::models
