// Checkpoints, written atomically (core::produce_file_atomically) as LibTorch archives.
//  - best.pt: the best epoch's model weights only, keyed by the registered submodule names.
//  - last.pt: everything a killed run needs to continue as if it had never stopped: the model, the optimizer's
//    state, the loss's own network (the pivot's adversary) if any, the random-number generators (the torch CPU
//    generator, the CUDA generator of the training device, a shuffling engine for loops that carry one), the best
//    weights so far and the trainer's bookkeeping (epoch, history, early-stopping and schedule state) as JSON
//    text. The Trainer's shuffling needs no engine (its order is fixed by (seed, epoch): batch_stream.h), so it
//    writes the engine empty and ignores it on reading; the GAN loop of the generate experiment keeps its own.
#pragma once

#include <torch/torch.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jetstudy::train {

void save_checkpoint(torch::nn::Module& module, const std::filesystem::path& path);
// Loads model weights from best.pt or from the model part of last.pt. Throws core::InputError naming the file
// when it is missing or does not match the module's parameters.
void load_checkpoint(torch::nn::Module& module, const std::filesystem::path& path);

// What is trained, and where: the objects last.pt is written from and restored into.
struct TrainingParts {
  torch::nn::Module& model;
  torch::optim::Optimizer* optimizer = nullptr;  // none for networks fitted directly
  torch::nn::Module* loss_module = nullptr;      // losses::Loss::module()
  torch::optim::Optimizer* loss_optimizer = nullptr;  // losses::Loss::module_optimizer()
  torch::Device device = torch::kCPU;            // its CUDA generator is saved too
};

// The rest of last.pt.
struct TrainingProgress {
  int completed_epochs = 0;
  nlohmann::json bookkeeping;         // the trainer's: history, early stopping, schedule
  std::string shuffle_engine;         // a std::mt19937_64 written with operator<<, or empty when the order needs none
  std::vector<torch::Tensor> best_weights;  // parameters then buffers of the best epoch (empty: none yet)
};

void save_training_checkpoint(const std::filesystem::path& path, const TrainingParts& parts,
                              const TrainingProgress& progress);
// Restores the model, optimizer, loss module and generators of `parts` and returns the progress. Throws
// core::InputError naming the file when it is not a training checkpoint of this setup.
TrainingProgress load_training_checkpoint(const std::filesystem::path& path, const TrainingParts& parts);

}  // namespace jetstudy::train
