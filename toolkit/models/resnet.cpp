#include "toolkit/models/resnet.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"
#include "toolkit/models/channels_last.h"

namespace jetstudy::models {
namespace {

torch::nn::Conv2d conv(std::int64_t in, std::int64_t out, std::int64_t kernel, std::int64_t stride = 1,
                       std::int64_t groups = 1) {
  return torch::nn::Conv2d(
      torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).groups(groups).bias(false));
}

// Follows the image size through the tower so a shape that cannot pass fails at construction, with the path
// the image took named.
class ShapeTrace {
 public:
  ShapeTrace(std::string name, const InputSpec& input) : name_(std::move(name)), input_(input) {
    height_ = input.height;
    width_ = input.width;
  }

  void convolve(const std::string& step, std::int64_t kernel, std::int64_t stride) {
    if (stride > 1) require_room_to_halve(step);
    height_ = (height_ + 2 * (kernel / 2) - kernel) / stride + 1;
    width_ = (width_ + 2 * (kernel / 2) - kernel) / stride + 1;
    if (height_ < 1 || width_ < 1)
      throw core::InputError(fmt::format("{}: a {} image does not fit this network: after {} it would be {}x{}",
                                         name_, input_.to_string(), step, height_, width_));
    passed_.push_back(step);
  }

 private:
  void require_room_to_halve(const std::string& step) const {
    if (height_ >= 2 && width_ >= 2) return;
    throw core::InputError(fmt::format(
        "{}: a {} image does not fit this network: {} halves the image, but after {} it is already {}x{}; use fewer "
        "stages, a stem stride of 1 or no stem pool, or larger images",
        name_, input_.to_string(), step, passed_.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(passed_, ", ")),
        height_, width_));
  }

  std::string name_;
  InputSpec input_;
  std::int64_t height_ = 0, width_ = 0;
  std::vector<std::string> passed_;
};

}  // namespace

BottleneckBlockImpl::BottleneckBlockImpl(std::int64_t in_channels, std::int64_t inner_width,
                                         std::int64_t out_channels, std::int64_t stride, std::int64_t groups) {
  residual_ = torch::nn::Sequential(conv(in_channels, inner_width, 1), torch::nn::BatchNorm2d(inner_width),
                                    torch::nn::ReLU(), conv(inner_width, inner_width, 3, stride, groups),
                                    torch::nn::BatchNorm2d(inner_width), torch::nn::ReLU(),
                                    conv(inner_width, out_channels, 1), torch::nn::BatchNorm2d(out_channels));
  shortcut_ = torch::nn::Sequential();
  if (stride != 1 || in_channels != out_channels) {
    shortcut_->push_back(conv(in_channels, out_channels, 1, stride));
    shortcut_->push_back(torch::nn::BatchNorm2d(out_channels));
  }
  register_module("residual", residual_);
  register_module("shortcut", shortcut_);
}

torch::Tensor BottleneckBlockImpl::forward(const torch::Tensor& x) {
  const auto identity = shortcut_->is_empty() ? x : shortcut_->forward(x);
  return torch::relu(residual_->forward(x) + identity);
}

ResidualTowerImpl::ResidualTowerImpl(const std::string& name, const ResidualTowerOptions& options,
                                     const InputSpec& input) {
  const auto& stages = options.stages();
  if (stages.empty()) throw core::InputError(name + ": model.stages must list at least one stage");
  JETSTUDY_CHECK(options.inner_widths().size() == stages.size() && options.output_widths().size() == stages.size(),
                 "one inner and one output width per stage");
  for (std::size_t s = 0; s < stages.size(); ++s) {
    const auto inner = options.inner_widths()[s];
    if (inner < 1 || inner % options.groups() != 0)
      throw core::InputError(fmt::format(
          "{}: stage {} would have {} filters in its 3x3 convolution, which cannot be split into {} groups; choose "
          "a width_factor that keeps every stage's width a positive multiple of the cardinality",
          name, s + 1, inner, options.groups()));
    if (options.output_widths()[s] < 1)
      throw core::InputError(fmt::format("{}: stage {} would have {} output filters; use a smaller width_factor", name,
                                         s + 1, options.output_widths()[s]));
  }

  ShapeTrace trace(name, input);
  trace.convolve(fmt::format("the stem conv ({}x{}, stride {})", options.stem_kernel(), options.stem_kernel(),
                             options.stem_stride()),
                 options.stem_kernel(), options.stem_stride());
  stem_ = torch::nn::Sequential(conv(input.channels, options.stem_filters(), options.stem_kernel(), options.stem_stride()),
                                torch::nn::BatchNorm2d(options.stem_filters()), torch::nn::ReLU());
  if (options.stem_pool()) {
    trace.convolve("the stem max-pool (3x3, stride 2)", 3, 2);
    stem_->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2).padding(1)));
  }

  stages_ = torch::nn::Sequential();
  std::int64_t channels = options.stem_filters();
  for (std::size_t s = 0; s < stages.size(); ++s) {
    const std::int64_t stride = s == 0 ? 1 : 2;
    if (stride > 1) trace.convolve(fmt::format("stage {} (stride 2)", s + 1), 3, stride);
    for (std::int64_t block = 0; block < stages[s]; ++block) {
      stages_->push_back(BottleneckBlock(channels, options.inner_widths()[s], options.output_widths()[s],
                                         block == 0 ? stride : 1, options.groups()));
      channels = options.output_widths()[s];
    }
  }
  output_width_ = channels;
  register_module("stem", stem_);
  register_module("stages", stages_);
  use_channels_last(*this);
}

torch::Tensor ResidualTowerImpl::forward(const torch::Tensor& images) {
  const auto maps = stages_->forward(stem_->forward(as_channels_last(images)));
  return maps.mean({2, 3});  // global average pool
}

ResNetOptions ResNetOptions::from_json(const nlohmann::json& options) {
  ResNetOptions parsed;
  parsed.stages(options.at("stages").get<std::vector<std::int64_t>>())
      .width_factor(options.at("width_factor").get<std::int64_t>())
      .stem_filters(options.at("stem_filters").get<std::int64_t>())
      .stem_kernel(options.at("stem_kernel").get<std::int64_t>())
      .stem_stride(options.at("stem_stride").get<std::int64_t>())
      .stem_pool(options.at("stem_pool").get<bool>())
      .dropout(options.at("dropout").get<double>());
  return parsed;
}

ResNetImpl::ResNetImpl(ResNetOptions options, const InputSpec& input) : options_(std::move(options)), input_(input) {
  if (options_.width_factor() < 1 || 64 % options_.width_factor() != 0)
    throw core::InputError(fmt::format("resnet50: model.width_factor must divide 64 (the first stage's width), got {}",
                                       options_.width_factor()));
  ResidualTowerOptions tower;
  tower.stem_filters(options_.stem_filters())
      .stem_kernel(options_.stem_kernel())
      .stem_stride(options_.stem_stride())
      .stem_pool(options_.stem_pool())
      .stages(options_.stages())
      .groups(1);
  std::vector<std::int64_t> inner, output;
  for (std::size_t s = 0; s < options_.stages().size(); ++s) {
    inner.push_back((std::int64_t{64} << s) / options_.width_factor());
    output.push_back(4 * inner.back());
  }
  tower.inner_widths(inner).output_widths(output);

  tower_ = register_module("tower", ResidualTower("resnet50", tower, input));
  dropout_ = register_module("dropout", torch::nn::Dropout(options_.dropout()));
  head_ = register_module("head", torch::nn::Linear(tower_->output_width(), input.outputs));
}

torch::Tensor ResNetImpl::forward(const NetworkInput& input) {
  const auto logits = head_->forward(dropout_->forward(tower_->forward(input.images)));
  return input_.outputs == 1 ? logits.squeeze(1) : logits;
}

std::string ResNetImpl::description() const {
  return fmt::format("ResNet (bottleneck blocks) on {}: stages {}, width_factor {}, stem {} filters {}x{} stride {}{}, "
                     "dropout {}, {} output(s)",
                     input_.to_string(), options_.stages(), options_.width_factor(), options_.stem_filters(),
                     options_.stem_kernel(), options_.stem_kernel(), options_.stem_stride(),
                     options_.stem_pool() ? " + max-pool" : "", options_.dropout(), input_.outputs);
}

recipe::Schema resnet_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  const auto positive = Schema::integer().greater_than(0);
  return Schema::map({
      Field::defaulted("stages", Schema::list(positive).min_length(1), {3, 4, 6, 3},
                       "bottleneck blocks per stage; [3, 4, 6, 3] is ResNet-50 (arXiv:1512.03385)"),
      Field::defaulted("width_factor", positive, 1, "divides every filter count after the stem (must divide 64)"),
      Field::defaulted("stem_filters", positive, 64, "filters of the first convolution"),
      Field::defaulted("stem_kernel", positive, 7, "kernel of the first convolution (padded by kernel/2)"),
      Field::defaulted("stem_stride", positive, 2, "stride of the first convolution"),
      Field::defaulted("stem_pool", Schema::boolean(), true, "3x3 max-pool with stride 2 after the first convolution"),
      Field::defaulted("dropout", Schema::number().min(0).less_than(1), 0.0, "dropout before the dense layer"),
  });
}

}  // namespace jetstudy::models
