#include "toolkit/models/dense_autoencoder.h"

#include "toolkit/models/autoencoder_layers.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::models {

DenseAutoencoderOptions DenseAutoencoderOptions::from_json(const nlohmann::json& options) {
  DenseAutoencoderOptions parsed;
  parsed.dense(options.at("dense").get<std::vector<std::int64_t>>())
      .latent(options.at("latent").get<std::int64_t>())
      .output(options.at("output").get<std::string>());
  return parsed;
}

recipe::Schema dense_autoencoder_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  const auto positive = Schema::integer().greater_than(0);
  return Schema::map({
      Field::defaulted("dense", Schema::list(positive), {256, 64},
                       "widths of the encoder's dense layers (the decoder mirrors them)"),
      Field::defaulted("latent", positive, 32, "bottleneck size"),
      Field::defaulted("output", Schema::one_of({"relu", "softplus", "linear"}, "output activation"), "relu",
                       "last activation: relu (non-negative, exact zeros), softplus, or linear for standardised images"),
  });
}

DenseAutoencoderImpl::DenseAutoencoderImpl(DenseAutoencoderOptions options, const InputSpec& input)
    : options_(std::move(options)), input_(input) {
  const auto& o = options_;
  const std::int64_t pixels = input.channels * input.height * input.width;
  if (pixels < 1) throw core::InputError("dense_ae: the dataset's images are " + input.to_string() + ", no pixels");

  encoder_ = torch::nn::Sequential(torch::nn::Flatten());
  push_dense_encoder(encoder_, pixels, o.dense(), o.latent());

  decoder_ = torch::nn::Sequential();
  torch::nn::Linear last(push_dense_decoder(decoder_, o.latent(), o.dense()), pixels);
  keep_relu_output_alive(last->bias, o.output());
  decoder_->push_back(last);
  push_output_activation(decoder_, o.output(), "dense_ae");
  decoder_->push_back(torch::nn::Unflatten(torch::nn::UnflattenOptions(1, {input.channels, input.height, input.width})));

  register_module("encoder", encoder_);
  register_module("decoder", decoder_);
}

torch::Tensor DenseAutoencoderImpl::encode(const torch::Tensor& images) {
  check_image_batch(images, input_, "dense_ae");
  return encoder_->forward(images);
}

torch::Tensor DenseAutoencoderImpl::forward(const NetworkInput& input) {
  return decoder_->forward(encode(input.images));
}

std::string DenseAutoencoderImpl::description() const {
  return fmt::format("dense autoencoder on {}: flatten, dense {}, latent {}, mirrored decoder, {} output",
                     input_.to_string(), options_.dense(), options_.latent(), options_.output());
}

}  // namespace jetstudy::models
