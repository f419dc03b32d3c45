// Model checkpoints (LibTorch archives, keyed by the registered submodule names), written atomically.
#pragma once

#include <torch/torch.h>

#include <filesystem>

namespace jetstudy::train {

void save_checkpoint(torch::nn::Module& module, const std::filesystem::path& path);
// Throws core::InputError naming the file when it is missing or does not match the module's parameters.
void load_checkpoint(torch::nn::Module& module, const std::filesystem::path& path);

}  // namespace jetstudy::train
