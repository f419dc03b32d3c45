#include "toolkit/models/two_stream.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::models {
namespace {

struct Stream {
  torch::nn::Sequential layers;
  std::int64_t flat_width = 0;  // features after flattening
};

// Builds one stream for a channels x height x width image, following the shape so a stack that does not fit
// fails here with the stream, the layer and the shapes named.
Stream make_stream(const std::string& which, const ConvStreamOptions& options, std::int64_t channels,
                   std::int64_t height, std::int64_t width) {
  if (options.filters().empty())
    throw core::InputError(fmt::format("two_stream: model.{}.filters must name at least one conv layer", which));
  const std::string shape = fmt::format("{}x{}x{}", channels, height, width);
  Stream stream{torch::nn::Sequential(), 0};
  const std::int64_t padding = options.kernel() / 2;
  for (std::size_t i = 0; i < options.filters().size(); ++i) {
    height = (height + 2 * padding - options.kernel() + 1) / options.pool();
    width = (width + 2 * padding - options.kernel() + 1) / options.pool();
    if (height < 1 || width < 1)
      throw core::InputError(fmt::format(
          "two_stream: the {} image ({}) does not fit the {} stream: after conv layer {} (kernel {}{}) it would be "
          "{}x{}; use fewer conv layers, a smaller pool or larger images",
          which, shape, which, i + 1, options.kernel(),
          options.pool() > 1 ? fmt::format(", then max-pool {}", options.pool()) : "", height, width));
    stream.layers->push_back(torch::nn::Conv2d(
        torch::nn::Conv2dOptions(channels, options.filters()[i], options.kernel()).padding(padding)));
    stream.layers->push_back(torch::nn::ReLU());
    if (options.pool() > 1) stream.layers->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(options.pool())));
    channels = options.filters()[i];
  }
  stream.layers->push_back(torch::nn::Flatten());
  stream.flat_width = channels * height * width;
  return stream;
}

}  // namespace

ConvStreamOptions ConvStreamOptions::from_json(const nlohmann::json& options) {
  ConvStreamOptions parsed;
  parsed.filters(options.at("filters").get<std::vector<std::int64_t>>())
      .kernel(options.at("kernel").get<std::int64_t>())
      .pool(options.at("pool").get<std::int64_t>());
  return parsed;
}

TwoStreamOptions TwoStreamOptions::from_json(const nlohmann::json& options) {
  TwoStreamOptions parsed;
  parsed.jet(ConvStreamOptions::from_json(options.at("jet")))
      .event(ConvStreamOptions::from_json(options.at("event")))
      .dense(options.at("dense").get<std::vector<std::int64_t>>())
      .dropout(options.at("dropout").get<double>());
  return parsed;
}

TwoStreamImpl::TwoStreamImpl(TwoStreamOptions options, const InputSpec& input)
    : options_(std::move(options)), input_(input) {
  if (input.event_channels < 1 || input.event_height < 1 || input.event_width < 1)
    throw core::InputError(fmt::format(
        "two_stream: the dataset has no event images (event image shape {}); add `images.event` to the recipe so "
        "each jet comes with an image of its whole event",
        input.event_to_string()));

  auto jet = make_stream("jet", options_.jet(), input.channels, input.height, input.width);
  auto event = make_stream("event", options_.event(), input.event_channels, input.event_height, input.event_width);
  jet_stream_ = register_module("jet_stream", jet.layers);
  event_stream_ = register_module("event_stream", event.layers);

  head_ = torch::nn::Sequential();
  std::int64_t width_in = jet.flat_width + event.flat_width;
  for (const auto units : options_.dense()) {
    if (options_.dropout() > 0) head_->push_back(torch::nn::Dropout(options_.dropout()));
    head_->push_back(torch::nn::Linear(width_in, units));
    head_->push_back(torch::nn::ReLU());
    width_in = units;
  }
  head_->push_back(torch::nn::Linear(width_in, input.outputs));
  register_module("head", head_);
}

torch::Tensor TwoStreamImpl::forward(const NetworkInput& input) {
  JETSTUDY_CHECK(input.event_images.defined(), "two_stream needs the batch's event images");
  const auto merged = torch::cat({jet_stream_->forward(input.images), event_stream_->forward(input.event_images)}, 1);
  const auto logits = head_->forward(merged);
  return input_.outputs == 1 ? logits.squeeze(1) : logits;
}

std::string TwoStreamImpl::description() const {
  const auto stream = [](const ConvStreamOptions& s) {
    return fmt::format("filters {} kernel {} pool {}", s.filters(), s.kernel(), s.pool());
  };
  return fmt::format("two-stream CNN: jet stream on {} ({}), event stream on {} ({}), dense {}, dropout {}",
                     input_.to_string(), stream(options_.jet()), input_.event_to_string(), stream(options_.event()),
                     options_.dense(), options_.dropout());
}

recipe::Schema two_stream_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  const auto positive = Schema::integer().greater_than(0);
  const auto stream = [&](const std::string& which) {
    return Schema::map({
        Field::defaulted("filters", Schema::list(positive).min_length(1), {16, 32},
                         "output channels of each conv layer of the " + which + " stream"),
        Field::defaulted("kernel", positive, 3, "square kernel of the " + which + " stream (padded by kernel/2)"),
        Field::defaulted("pool", positive, 2, "max-pool after each conv layer of the " + which + " stream (1: none)"),
    });
  };
  return Schema::map({
      Field::defaulted("jet", stream("jet"), nlohmann::json::object(), "the stream on the jet image"),
      Field::defaulted("event", stream("event"), nlohmann::json::object(), "the stream on the whole-event image"),
      Field::defaulted("dense", Schema::list(positive), {64}, "widths of the dense layers after the merge"),
      Field::defaulted("dropout", Schema::number().min(0).less_than(1), 0.0, "dropout before each dense layer"),
  });
}

}  // namespace jetstudy::models
