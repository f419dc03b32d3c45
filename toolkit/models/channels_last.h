// Channels-last ("NHWC") memory layout for convolutional networks. oneDNN on the CPU (and cuDNN on GPUs) convolves
// NHWC tensors faster than NCHW ones: with python3-torch 1.13 on one core of this machine kind, a training step of
// batch 128 on 1x40x40 images is 1.13x faster for DeepTop and 1.4x for ResNeXt (docs/models.md, "Speed").
// The layout never changes a value: tensors keep their logical [N, C, H, W] shape and indexing, only the order of
// their elements in memory differs. A network that uses it converts its weights once, when it is built
// (use_channels_last), and each input batch at the start of forward() (as_channels_last); moving the network to
// a device, checkpoints and optimiser state keep the layout.
#pragma once

#include <torch/torch.h>

namespace jetstudy::models {

// Every 4-D parameter and buffer of `module` (and its submodules) into channels-last layout, in place.
void use_channels_last(torch::nn::Module& module);

// A 4-D batch [N, C, H, W] in channels-last layout (the same tensor if it already is); other tensors unchanged.
torch::Tensor as_channels_last(const torch::Tensor& images);

}  // namespace jetstudy::models
