// Checks every architecture of the zoo must pass (issue: each trains a few steps with a falling loss, saves,
// reloads and gives identical outputs). Header-only, for the models tests.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <utility>

#include "toolkit/core/temp_directory.h"
#include "toolkit/models/network.h"
#include "toolkit/train/checkpoint.h"

namespace jetstudy::testing {

// The dataset's image shape for a network under test (the other InputSpec fields keep their defaults).
inline models::InputSpec image_input(std::int64_t channels, std::int64_t height, std::int64_t width,
                                     std::int64_t outputs = 1) {
  models::InputSpec spec;
  spec.channels = channels;
  spec.height = height;
  spec.width = width;
  spec.outputs = outputs;
  return spec;
}

// The loss of a network's output for one fixed batch (e.g. BCE against labels, MSE against the input images).
using BatchLoss = std::function<torch::Tensor(const torch::Tensor& outputs)>;

// Runs `steps` Adam steps on one fixed batch in training mode; returns the loss before the first step and after
// the last (both in evaluation mode, so dropout does not blur the comparison).
inline std::pair<double, double> loss_before_and_after_steps(models::NetworkImpl& network,
                                                             const models::NetworkInput& input, const BatchLoss& loss,
                                                             int steps = 20, double learning_rate = 1e-3) {
  const auto evaluate = [&] {
    torch::NoGradGuard no_grad;
    network.eval();
    return loss(network.forward(input)).item<double>();
  };
  const double before = evaluate();
  torch::optim::Adam adam(network.parameters(), torch::optim::AdamOptions(learning_rate));
  for (int step = 0; step < steps; ++step) {
    network.train();
    adam.zero_grad();
    loss(network.forward(input)).backward();
    adam.step();
  }
  return {before, evaluate()};
}

// Saves `trained` to a checkpoint file, loads it into `fresh` (the same architecture built with other initial
// weights) and tells whether both give bit-identical outputs on `input` in evaluation mode.
inline bool reloads_to_identical_outputs(models::NetworkImpl& trained, models::NetworkImpl& fresh,
                                         const models::NetworkInput& input) {
  const core::TempDirectory directory("reload");
  train::save_checkpoint(trained, directory / "network.pt");
  train::load_checkpoint(fresh, directory / "network.pt");
  torch::NoGradGuard no_grad;
  trained.eval();
  fresh.eval();
  return torch::equal(trained.forward(input), fresh.forward(input));
}

}  // namespace jetstudy::testing
