#include "toolkit/models/network.h"

namespace jetstudy::models {

std::int64_t count_parameters(const torch::nn::Module& module) {
  std::int64_t total = 0;
  for (const auto& parameter : module.parameters()) {
    if (parameter.requires_grad()) total += parameter.numel();
  }
  return total;
}

}  // namespace jetstudy::models
