#include "toolkit/models/lagan.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::models {
namespace {

constexpr double kLeakySlope = 0.3;  // Keras' LeakyReLU default, used by the authors

torch::nn::LeakyReLU leaky() { return torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(kLeakySlope)); }

torch::nn::Upsample upsample_twice() {
  return torch::nn::Upsample(
      torch::nn::UpsampleOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest));
}

}  // namespace

LaganOptions LaganOptions::from_json(const nlohmann::json& options) {
  LaganOptions parsed;
  parsed.latent(options.at("latent").get<std::int64_t>())
      .generator_map(options.at("generator_map").get<std::int64_t>())
      .generator_conv(options.at("generator_conv").get<std::int64_t>())
      .generator_local(options.at("generator_local").get<std::int64_t>())
      .discriminator_conv(options.at("discriminator_conv").get<std::int64_t>())
      .discriminator_local(options.at("discriminator_local").get<std::int64_t>())
      .dropout(options.at("dropout").get<double>())
      .minibatch_kernels(options.at("minibatch_kernels").get<std::int64_t>())
      .minibatch_dims(options.at("minibatch_dims").get<std::int64_t>());
  return parsed;
}

recipe::Schema lagan_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  const auto positive = Schema::integer().greater_than(0);
  return Schema::map({
      Field::defaulted("latent", positive, 200, "size of the latent vector z and of the class embedding"),
      Field::defaulted("generator_map", positive, 128, "channels of the generator's first (dense) feature map"),
      Field::defaulted("generator_conv", positive, 64, "filters of the generator's 5x5 convolution"),
      Field::defaulted("generator_local", positive, 6, "filters of the generator's hidden locally connected layers"),
      Field::defaulted("discriminator_conv", positive, 32, "filters of the discriminator's 5x5 convolution"),
      Field::defaulted("discriminator_local", positive, 8, "filters of the discriminator's locally connected layers"),
      Field::defaulted("dropout", Schema::number().min(0).less_than(1), 0.2, "dropout after each discriminator layer"),
      Field::defaulted("minibatch_kernels", positive, 10, "minibatch discrimination: similarity features per sample"),
      Field::defaulted("minibatch_dims", positive, 10, "minibatch discrimination: length of each projected row"),
  });
}

// --- generator ---

LaganGeneratorImpl::LaganGeneratorImpl(const LaganOptions& options, const InputSpec& input)
    : options_(options), input_(input) {
  const auto& o = options_;
  if (input.channels < 1 || input.height < 1 || input.width < 1)
    throw core::InputError("lagan: the dataset's images are " + input.to_string() + ", no pixels to generate");
  // h0 -> 2 h0 (upsample) -> 2 h0 (LC 5x5, padding 2) -> 4 h0 (upsample) -> 4 h0 - 2 (LC 3x3) -> H (LC kh).
  map_height_ = (input.height + 3 + 3) / 4;  // ceil((H + 3) / 4)
  map_width_ = (input.width + 3 + 3) / 4;
  const std::int64_t last_kernel_height = 4 * map_height_ - 1 - input.height;
  const std::int64_t last_kernel_width = 4 * map_width_ - 1 - input.width;

  embedding_ = torch::nn::Embedding(2, o.latent());
  torch::nn::init::xavier_normal_(embedding_->weight);  // glorot_normal, as the authors
  register_module("embedding", embedding_);

  const std::int64_t h0 = map_height_, w0 = map_width_;
  layers_ = torch::nn::Sequential(
      torch::nn::Linear(o.latent(), o.generator_map() * h0 * w0),
      torch::nn::Unflatten(torch::nn::UnflattenOptions(1, {o.generator_map(), h0, w0})),
      torch::nn::Conv2d(torch::nn::Conv2dOptions(o.generator_map(), o.generator_conv(), 5).padding(2)), leaky(),
      torch::nn::BatchNorm2d(o.generator_conv()), upsample_twice(),
      LocallyConnected2d(
          LocallyConnected2dOptions(o.generator_conv(), o.generator_local(), 5, 2 * h0, 2 * w0).padding(2)),
      leaky(), torch::nn::BatchNorm2d(o.generator_local()), upsample_twice(),
      LocallyConnected2d(LocallyConnected2dOptions(o.generator_local(), o.generator_local(), 3, 4 * h0, 4 * w0)),
      leaky(),
      LocallyConnected2d(LocallyConnected2dOptions(o.generator_local(), input.channels,
                                                   {last_kernel_height, last_kernel_width}, 4 * h0 - 2, 4 * w0 - 2)
                             .bias(false)),
      torch::nn::ReLU());
  register_module("layers", layers_);
}

torch::Tensor LaganGeneratorImpl::forward(const torch::Tensor& z, const torch::Tensor& labels) {
  if (z.dim() != 2 || z.size(1) != options_.latent())
    throw core::InputError(fmt::format("lagan: the generator takes latent vectors [N, {}], got [{}]",
                                       options_.latent(), fmt::join(z.sizes(), ", ")));
  if (labels.dim() != 1 || labels.size(0) != z.size(0))
    throw core::InputError(fmt::format("lagan: the generator takes one class label per latent vector ([{}]), got [{}]",
                                       z.size(0), fmt::join(labels.sizes(), ", ")));
  // The class enters as in the paper: the latent vector multiplied element-wise by the class's learnt embedding.
  const auto conditioned = z * embedding_->forward(labels.to(torch::kLong));
  return layers_->forward(conditioned);
}

std::string LaganGeneratorImpl::description() const {
  const auto& o = options_;
  return fmt::format("generator latent {} x class embedding -> dense {}x{}x{} -> conv {} 5x5, up -> LC {} 5x5, up -> "
                     "LC {} 3x3 -> LC {} {}x{} -> ReLU",
                     o.latent(), map_height_, map_width_, o.generator_map(), o.generator_conv(), o.generator_local(),
                     o.generator_local(), input_.channels, 4 * map_height_ - 1 - input_.height,
                     4 * map_width_ - 1 - input_.width);
}

// --- discriminator ---

LaganDiscriminatorImpl::LaganDiscriminatorImpl(const LaganOptions& options, const InputSpec& input)
    : options_(options), input_(input) {
  const auto& o = options_;
  // Follow the size through the strided layers so a too small image fails here with the shapes named.
  const auto strided = [](std::int64_t size, std::int64_t kernel, std::int64_t padding, std::int64_t stride) {
    return (size + 2 * padding - kernel) / stride + 1;
  };
  const std::int64_t h1 = strided(input.height, 5, 2, 2), w1 = strided(input.width, 5, 2, 2);
  const std::int64_t h3 = strided(h1, 3, 1, 2), w3 = strided(w1, 3, 1, 2);
  const std::int64_t h4 = h3 / 2, w4 = w3 / 2;
  shapes_ = fmt::format("{}x{} -> {}x{} -> {}x{} -> {}x{} -> pool {}x{}", input.height, input.width, h1, w1, h1, w1,
                        h3, w3, h4, w4);
  if (input.height < 1 || input.width < 1 || h4 < 1 || w4 < 1)
    throw core::InputError(fmt::format(
        "lagan: a {} image is too small for the discriminator: its sizes through the stride-2 layers and the "
        "average pooling would be {}; images need at least 5x5 pixels",
        input.to_string(), shapes_));

  const std::int64_t local = o.discriminator_local();
  features_ = torch::nn::Sequential(
      torch::nn::Conv2d(torch::nn::Conv2dOptions(input.channels, o.discriminator_conv(), 5).padding(2)), leaky(),
      torch::nn::Dropout(o.dropout()),
      LocallyConnected2d(LocallyConnected2dOptions(o.discriminator_conv(), local, 5, input.height, input.width)
                             .padding(2)
                             .stride(2)),
      leaky(), torch::nn::BatchNorm2d(local), torch::nn::Dropout(o.dropout()),
      LocallyConnected2d(LocallyConnected2dOptions(local, local, 5, h1, w1).padding(2)), leaky(),
      torch::nn::BatchNorm2d(local), torch::nn::Dropout(o.dropout()),
      LocallyConnected2d(LocallyConnected2dOptions(local, local, 3, h1, w1).padding(1).stride(2)), leaky(),
      torch::nn::BatchNorm2d(local), torch::nn::Dropout(o.dropout()),
      torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(2)), torch::nn::Flatten());
  register_module("features", features_);

  const std::int64_t flat = local * h4 * w4;
  minibatch_ = register_module(
      "minibatch", MinibatchDiscrimination(MinibatchDiscriminationOptions(flat, o.minibatch_kernels(), o.minibatch_dims())));
  real_fake_ = register_module("real_fake", torch::nn::Linear(flat + o.minibatch_kernels(), 1));
  classifier_ = register_module("classifier", torch::nn::Linear(flat + o.minibatch_kernels(), 1));
}

std::pair<torch::Tensor, torch::Tensor> LaganDiscriminatorImpl::forward(const torch::Tensor& images) {
  check_image_batch(images, input_, "lagan");
  const auto features = features_->forward(images);
  const auto combined = torch::cat({features, minibatch_->forward(features)}, 1);
  return {real_fake_->forward(combined).squeeze(1), classifier_->forward(combined).squeeze(1)};
}

std::string LaganDiscriminatorImpl::description() const {
  const auto& o = options_;
  return fmt::format("discriminator conv {} 5x5 -> LC {} 5x5/2 -> LC {} 5x5 -> LC {} 3x3/2 -> avg pool 2 ({}), "
                     "dropout {}, minibatch discrimination {}x{}, real/fake and class logits",
                     o.discriminator_conv(), o.discriminator_local(), o.discriminator_local(),
                     o.discriminator_local(), shapes_, o.dropout(), o.minibatch_kernels(), o.minibatch_dims());
}

// --- the GAN ---

GanImpl::GanImpl(LaganOptions options, const InputSpec& input) : options_(std::move(options)), input_(input) {
  if (options_.dropout() < 0 || options_.dropout() >= 1)
    throw core::InputError(fmt::format("lagan: model.dropout must be in [0, 1), got {}", options_.dropout()));
  discriminator_ = register_module("discriminator", LaganDiscriminator(options_, input));
  generator_ = register_module("generator", LaganGenerator(options_, input));
}

torch::Tensor GanImpl::forward(const NetworkInput& input) { return discriminate(input.images).first; }

torch::Tensor GanImpl::generate(const torch::Tensor& z, const torch::Tensor& labels) {
  return generator_->forward(z, labels);
}

std::pair<torch::Tensor, torch::Tensor> GanImpl::discriminate(const torch::Tensor& images) {
  return discriminator_->forward(images);
}

std::string GanImpl::description() const {
  return fmt::format("LAGAN on {}: {}; {}", input_.to_string(), generator_->description(),
                     discriminator_->description());
}

}  // namespace jetstudy::models
