// Probes of a trained network, as the jet-image papers show them (de Oliveira et al., arXiv:1511.05190;
// Lin et al., arXiv:1807.10768 for the event image): the learned first-layer convolution filters, the difference
// of the average signal and background images seen through each filter, and how the output moves when the
// event image is rotated in phi (a network that learnt the physics should barely move). The one torch file of
// the metrics stage.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/metrics/image_maps.h"
#include "toolkit/models/network.h"

namespace jetstudy::metrics {

// A block of numbers with its shape, row-major, ready to store.
struct ShapedValues {
  std::vector<std::int64_t> shape;
  std::vector<float> values;
};

// The weights [F, C, kH, kW] of the first Conv2d submodule in module order (registration order, depth first),
// and its name in the module tree (e.g. "convolutions.0"). Throws core::InputError when the network has none.
ShapedValues first_layer_filters(const torch::nn::Module& network, std::string* module_name = nullptr);

// The image `difference` (layout.pixels() values, [C, H, W]; usually ImageMaps::difference) convolved with each
// filter of the first Conv2d, with that layer's own stride, padding and dilation but without its bias: by
// linearity, the difference of the convolved average signal and background images. Shape [F, H', W']. Throws
// core::InputError when the layer's input channels do not match the layout or the image is smaller than a filter.
ShapedValues convolved_difference(const torch::nn::Module& network, const std::vector<double>& difference,
                                  const ImageLayout& layout);

// The mean network output over the batch for each shift s in `shifts`: input.event_images rolled by s pixels
// along phi (the last dimension, periodic), everything else unchanged. Runs in evaluation mode without gradients
// and restores the network's training mode. The output must be one value per jet ([N] or [N, 1]; logits for
// scorers). Throws core::InputError when the input has no event images or the output has another shape.
std::vector<double> output_versus_phi_shift(models::NetworkImpl& network, const models::NetworkInput& input,
                                            const std::vector<std::int64_t>& shifts);

}  // namespace jetstudy::metrics
