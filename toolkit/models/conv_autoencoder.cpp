#include "toolkit/models/conv_autoencoder.h"

#include "toolkit/models/autoencoder_layers.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::models {
namespace {

// A convolution that keeps the image size for any kernel: zero padding (k-1)/2 before and k/2 after (the extra
// pixel of an even kernel goes after, as Keras' padding='same' does; LibTorch's own 'same' warns for even kernels).
torch::nn::Conv2d push_same_size_conv(torch::nn::Sequential& layers, std::int64_t in_channels,
                                      std::int64_t out_channels, std::int64_t kernel) {
  const std::int64_t before = (kernel - 1) / 2, after = kernel / 2;
  layers->push_back(torch::nn::ZeroPad2d(torch::nn::ZeroPad2dOptions({before, after, before, after})));
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(in_channels, out_channels, kernel));
  layers->push_back(conv);
  return conv;
}

}  // namespace

ConvAutoencoderOptions ConvAutoencoderOptions::from_json(const nlohmann::json& options) {
  ConvAutoencoderOptions parsed;
  parsed.filters(options.at("filters").get<std::vector<std::int64_t>>())
      .kernel(options.at("kernel").get<std::int64_t>())
      .pool_after(options.at("pool_after").get<std::vector<std::int64_t>>())
      .pool(options.at("pool").get<std::int64_t>())
      .pooling(options.at("pooling").get<std::string>())
      .dense(options.at("dense").get<std::vector<std::int64_t>>())
      .latent(options.at("latent").get<std::int64_t>())
      .output(options.at("output").get<std::string>());
  return parsed;
}

recipe::Schema conv_autoencoder_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  const auto positive = Schema::integer().greater_than(0);
  return Schema::map({
      Field::defaulted("filters", Schema::list(positive).min_length(1), {10, 5, 5, 5},
                       "output channels of each encoder conv layer (the decoder mirrors them)"),
      Field::defaulted("kernel", positive, 4, "square kernel of every conv layer; images keep their size"),
      Field::defaulted("pool_after", Schema::list(positive), {2, 4}, "pool after these encoder conv layers (1-based)"),
      Field::defaulted("pool", positive, 2, "pooling window and stride (the decoder upsamples back)"),
      Field::defaulted("pooling", Schema::one_of({"average", "max"}, "pooling"), "average", "average or max pooling"),
      Field::defaulted("dense", Schema::list(positive), {100}, "dense widths between the conv stack and the bottleneck"),
      Field::defaulted("latent", positive, 32, "bottleneck size"),
      Field::defaulted("output", Schema::one_of({"relu", "softplus", "linear"}, "output activation"), "relu",
                       "last activation: relu (non-negative, exact zeros), softplus, or linear for standardised images"),
  });
}

ConvAutoencoderImpl::ConvAutoencoderImpl(ConvAutoencoderOptions options, const InputSpec& input)
    : options_(std::move(options)), input_(input) {
  const auto& o = options_;
  if (o.filters().empty()) throw core::InputError("conv_ae: model.filters must name at least one conv layer");
  for (const auto layer : o.pool_after()) {
    if (layer < 1 || layer > static_cast<std::int64_t>(o.filters().size()))
      throw core::InputError(fmt::format("conv_ae: model.pool_after names conv layer {}, but there are {} conv layers",
                                         layer, o.filters().size()));
  }
  if (o.pooling() != "average" && o.pooling() != "max")
    throw core::InputError("conv_ae: model.pooling must be average or max, got '" + o.pooling() + "'");

  // Encoder; remember each layer's size before pooling so the decoder upsamples to exactly that size (a 25x25
  // image pooled by 2 is 12x12, and must come back as 25x25, not 24x24).
  encoder_ = torch::nn::Sequential();
  struct Level {
    std::int64_t in_channels, height, width;  // what this conv layer sees and (same size) produces
    bool pooled;
  };
  std::vector<Level> levels;
  std::int64_t channels = input.channels, height = input.height, width = input.width;
  for (std::size_t i = 0; i < o.filters().size(); ++i) {
    const std::int64_t layer = static_cast<std::int64_t>(i) + 1;
    const bool pooled = std::count(o.pool_after().begin(), o.pool_after().end(), layer) > 0;
    levels.push_back({channels, height, width, pooled});
    push_same_size_conv(encoder_, channels, o.filters()[i], o.kernel());
    encoder_->push_back(torch::nn::ReLU());
    channels = o.filters()[i];
    if (!pooled) continue;
    height /= o.pool();
    width /= o.pool();
    if (height < 1 || width < 1)
      throw core::InputError(fmt::format(
          "conv_ae: a {} image does not fit this network: after conv layer {} and pooling {} it would be {}x{}; use "
          "fewer pooling layers or a smaller pool",
          input.to_string(), layer, o.pool(), height, width));
    if (o.pooling() == "max") {
      encoder_->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(o.pool())));
    } else {
      encoder_->push_back(torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(o.pool())));
    }
  }
  encoder_->push_back(torch::nn::Flatten());
  const std::int64_t flat = channels * height * width;
  push_dense_encoder(encoder_, flat, o.dense(), o.latent());

  // Decoder: the mirror image.
  decoder_ = torch::nn::Sequential();
  decoder_->push_back(torch::nn::Linear(push_dense_decoder(decoder_, o.latent(), o.dense()), flat));
  decoder_->push_back(torch::nn::ReLU());
  decoder_->push_back(torch::nn::Unflatten(torch::nn::UnflattenOptions(1, {channels, height, width})));
  for (auto level = levels.rbegin(); level != levels.rend(); ++level) {
    if (level->pooled)
      decoder_->push_back(torch::nn::Upsample(torch::nn::UpsampleOptions()
                                                  .size(std::vector<std::int64_t>{level->height, level->width})
                                                  .mode(torch::kNearest)));
    auto conv = push_same_size_conv(decoder_, channels, level->in_channels, o.kernel());
    channels = level->in_channels;
    if (std::next(level) != levels.rend()) {
      decoder_->push_back(torch::nn::ReLU());
      continue;
    }
    keep_relu_output_alive(conv->bias, o.output());
  }
  push_output_activation(decoder_, o.output(), "conv_ae");

  register_module("encoder", encoder_);
  register_module("decoder", decoder_);
}

torch::Tensor ConvAutoencoderImpl::encode(const torch::Tensor& images) {
  check_image_batch(images, input_, "conv_ae");
  return encoder_->forward(images);
}

torch::Tensor ConvAutoencoderImpl::forward(const NetworkInput& input) {
  return decoder_->forward(encode(input.images));
}

std::string ConvAutoencoderImpl::description() const {
  const auto& o = options_;
  return fmt::format("convolutional autoencoder on {}: conv filters {} kernel {} (same size), {} pooling {} after "
                     "layers {}, dense {}, latent {}, mirrored decoder with nearest upsampling, {} output",
                     input_.to_string(), o.filters(), o.kernel(), o.pooling(), o.pool(), o.pool_after(), o.dense(),
                     o.latent(), o.output());
}

}  // namespace jetstudy::models
