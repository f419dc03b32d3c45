#include "toolkit/models/channels_last.h"

namespace jetstudy::models {
namespace {

// A copy with channels-last strides. Tensor::contiguous(ChannelsLast) is not enough: a tensor with one channel
// (the stem's [64, 1, 3, 3] weights, a batch of one-channel images) already counts as channels-last contiguous,
// keeps its NCHW strides and so reads as NCHW to the convolution, which then runs every layer after it in NCHW.
torch::Tensor with_channels_last_strides(const torch::Tensor& tensor) {
  if (tensor.suggest_memory_format() == torch::MemoryFormat::ChannelsLast) return tensor;
  return tensor.to(tensor.options(), /*non_blocking=*/false, /*copy=*/true, torch::MemoryFormat::ChannelsLast);
}

}  // namespace

void use_channels_last(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  for (auto& parameter : module.parameters()) {
    if (parameter.dim() == 4) parameter.set_data(with_channels_last_strides(parameter));
  }
  for (auto& buffer : module.buffers()) {
    if (buffer.dim() == 4) buffer.set_data(with_channels_last_strides(buffer));
  }
}

torch::Tensor as_channels_last(const torch::Tensor& images) {
  if (!images.defined() || images.dim() != 4) return images;
  return with_channels_last_strides(images);
}

}  // namespace jetstudy::models
