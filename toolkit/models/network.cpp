#include "toolkit/models/network.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "toolkit/core/error.h"
#include "toolkit/models/input_spec.h"

namespace jetstudy::models {

std::int64_t count_parameters(const torch::nn::Module& module) {
  std::int64_t total = 0;
  for (const auto& parameter : module.parameters()) {
    if (parameter.requires_grad()) total += parameter.numel();
  }
  return total;
}

void check_image_batch(const torch::Tensor& images, const InputSpec& input, const std::string& arch) {
  if (images.dim() == 4 && images.size(1) == input.channels && images.size(2) == input.height &&
      images.size(3) == input.width)
    return;
  throw core::InputError(fmt::format("{}: built for {} images, got a batch of shape [{}]", arch, input.to_string(),
                                     fmt::join(images.sizes(), ", ")));
}

}  // namespace jetstudy::models
