// A toy tagging problem and a small DeepTop for the train tests: signal jets deposit their pT in the upper-left
// pixel, background jets in the lower-right one, plus noise; even rows are signal.
#pragma once

#include <torch/torch.h>

#include <memory>

#include "toolkit/models/deeptop.h"
#include "toolkit/train/examples.h"

namespace jetstudy::testing {

inline train::Examples toy_examples(std::int64_t n, std::uint64_t seed) {
  torch::manual_seed(seed);
  auto images = 0.1f * torch::rand({n, 1, 8, 8});
  auto labels = torch::zeros({n});
  for (std::int64_t i = 0; i < n; ++i) {
    const bool signal = i % 2 == 0;
    labels[i] = signal ? 1.0f : 0.0f;
    images[i][0][signal ? 2 : 5][signal ? 2 : 5] += 1.0f;
  }
  train::Examples examples;
  examples.images = images;
  examples.targets = labels;
  return examples;
}

// Seeds torch before building, so the same seed gives the same initial weights.
inline std::shared_ptr<models::DeepTopImpl> small_network(std::uint64_t seed, double dropout = 0.0) {
  torch::manual_seed(seed);
  return std::make_shared<models::DeepTopImpl>(
      models::DeepTopOptions{}.filters({4, 4}).kernel(3).pool_after({2}).dense({16}).dropout(dropout),
      models::InputSpec{1, 8, 8});
}

inline std::vector<torch::Tensor> weights_of(torch::nn::Module& module) {
  std::vector<torch::Tensor> weights;
  for (const auto& parameter : module.parameters()) weights.push_back(parameter.detach().clone());
  return weights;
}

inline bool same_weights(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!torch::equal(a[i], b[i])) return false;
  return true;
}

}  // namespace jetstudy::testing
