// Optimisers by name (a recipe's `train.optimizer: {name: adam, lr: 1e-3}`), with their option schemas:
// adam (Kingma & Ba, arXiv:1412.6980), adamw (decoupled weight decay, Loshchilov & Hutter, arXiv:1711.05101),
// adadelta (Zeiler, arXiv:1212.5701) and sgd with momentum and optional Nesterov momentum.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "toolkit/recipe/schema.h"

namespace jetstudy::train {

// `optimizer` is a validated train.optimizer block (every option present). Throws core::InputError for an
// unknown name or a combination LibTorch rejects (nesterov without momentum).
std::unique_ptr<torch::optim::Optimizer> make_optimizer(const nlohmann::json& optimizer,
                                                        std::vector<torch::Tensor> parameters);
std::vector<recipe::NamedSchema> optimizer_schemas();

// The learning rate of the first parameter group, and setting it on every group (what a schedule changes).
double learning_rate(const torch::optim::Optimizer& optimizer);
void set_learning_rate(torch::optim::Optimizer& optimizer, double rate);

}  // namespace jetstudy::train
