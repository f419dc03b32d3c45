// Optimisers by name (a recipe's `train.optimizer: {name: adam, lr: 1e-3}`), with their option schemas.
// Adam: Kingma & Ba, arXiv:1412.6980.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "toolkit/recipe/schema.h"

namespace jetstudy::train {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const nlohmann::json& optimizer,
                                                        std::vector<torch::Tensor> parameters);
std::vector<recipe::NamedSchema> optimizer_schemas();

}  // namespace jetstudy::train
