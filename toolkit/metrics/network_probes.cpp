#include "toolkit/metrics/network_probes.h"

#include <sstream>

#include "toolkit/core/error.h"

namespace jetstudy::metrics {
namespace {

// The first Conv2d submodule in module order, with its name; throws when there is none.
std::pair<std::string, torch::nn::Conv2dImpl*> first_conv2d(const torch::nn::Module& network) {
  for (const auto& item : network.named_modules("", /*include_self=*/false)) {
    if (auto* conv = item.value()->as<torch::nn::Conv2d>()) return {item.key(), conv};
  }
  throw core::InputError("network probes: the network '" + network.name() +
                         "' has no Conv2d layer, so it has no first-layer filters");
}

ShapedValues to_shaped_values(const torch::Tensor& tensor) {
  const auto values = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  return {values.sizes().vec(), std::vector<float>(values.data_ptr<float>(), values.data_ptr<float>() + values.numel())};
}

std::string shape_text(const torch::Tensor& tensor) {
  std::ostringstream text;
  text << tensor.sizes();
  return text.str();
}

// Sets the training mode for the lifetime of the guard and restores the previous one.
class TrainingModeGuard {
 public:
  TrainingModeGuard(torch::nn::Module& module, bool training) : module_(module), was_training_(module.is_training()) {
    module_.train(training);
  }
  ~TrainingModeGuard() { module_.train(was_training_); }
  TrainingModeGuard(const TrainingModeGuard&) = delete;
  TrainingModeGuard& operator=(const TrainingModeGuard&) = delete;

 private:
  torch::nn::Module& module_;
  bool was_training_;
};

}  // namespace

ShapedValues first_layer_filters(const torch::nn::Module& network, std::string* module_name) {
  const auto [name, conv] = first_conv2d(network);
  if (module_name) *module_name = name;
  return to_shaped_values(conv->weight);
}

ShapedValues convolved_difference(const torch::nn::Module& network, const std::vector<double>& difference,
                                  const ImageLayout& layout) {
  const auto [name, conv] = first_conv2d(network);
  if (difference.size() != layout.pixels()) {
    throw core::InputError("network probes: the difference image has " + std::to_string(difference.size()) +
                           " values; a " + std::to_string(layout.channels) + "x" + std::to_string(layout.height) +
                           "x" + std::to_string(layout.width) + " image has " + std::to_string(layout.pixels()));
  }
  const auto in_channels = conv->options.in_channels();
  if (in_channels != layout.channels) {
    throw core::InputError("network probes: the first Conv2d '" + name + "' takes " + std::to_string(in_channels) +
                           " channels; the image has " + std::to_string(layout.channels));
  }
  torch::NoGradGuard no_grad;
  const auto image = torch::tensor(difference, torch::kFloat64)
                         .to(conv->weight.device(), conv->weight.scalar_type())
                         .reshape({1, layout.channels, layout.height, layout.width});
  torch::Tensor response;
  try {
    response = conv->forward(image);
  } catch (const c10::Error&) {
    throw core::InputError("network probes: the first Conv2d '" + name + "' (filters " +
                           shape_text(conv->weight) + ") cannot convolve a " + shape_text(image) + " image");
  }
  if (conv->bias.defined()) response = response - conv->bias.reshape({1, -1, 1, 1});
  return to_shaped_values(response.squeeze(0));
}

std::vector<double> output_versus_phi_shift(models::NetworkImpl& network, const models::NetworkInput& input,
                                            const std::vector<std::int64_t>& shifts) {
  if (!input.event_images.defined()) {
    throw core::InputError("network probes: the phi-shift test rolls the event images, and this input has none "
                           "(it needs a dataset with event images and a network that reads them, e.g. two_stream)");
  }
  TrainingModeGuard evaluation(network, /*training=*/false);
  torch::NoGradGuard no_grad;
  std::vector<double> means;
  for (const auto shift : shifts) {
    models::NetworkInput shifted = input;
    shifted.event_images = torch::roll(input.event_images, {shift}, {-1});
    auto output = network.forward(shifted);
    if (output.dim() == 2 && output.size(1) == 1) output = output.squeeze(1);
    if (output.dim() != 1) {
      throw core::InputError("network probes: the phi-shift test needs one output per jet ([N] or [N, 1]); '" +
                             network.description() + "' gives " + shape_text(output));
    }
    means.push_back(output.to(torch::kFloat64).mean().item<double>());
  }
  return means;
}

}  // namespace jetstudy::metrics
