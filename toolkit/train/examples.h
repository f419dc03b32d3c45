// Examples as tensors for training and prediction: what the network reads (models::NetworkInput), what the loss
// compares its output with, per-jet weights and observers. The tensors may view memory owned by a data::Split
// (no copy); the Split must outlive them.
#pragma once

#include <torch/torch.h>

#include <map>
#include <string>

#include "toolkit/data/jet_dataset.h"
#include "toolkit/losses/loss.h"
#include "toolkit/models/network.h"

namespace jetstudy::train {

struct Examples {
  torch::Tensor images;        // [N, C, H, W] float32
  torch::Tensor event_images;  // [N, C', H', W'] or undefined
  torch::Tensor features;      // [N, F] or undefined
  torch::Tensor targets;       // [N] labels / class indices / values, or [N, ...] target images
  torch::Tensor weights;       // [N] or undefined (all 1)
  std::map<std::string, torch::Tensor> observers;  // [N] each

  std::int64_t size() const {
    if (images.defined()) return images.size(0);
    return features.defined() ? features.size(0) : targets.size(0);
  }

  // The rows `rows` (int64 [B]) of every tensor, moved to `device`.
  Examples rows(const torch::Tensor& rows, const torch::Device& device) const;
  // Rows [begin, end), moved to `device`.
  Examples slice(std::int64_t begin, std::int64_t end, const torch::Device& device) const;

  models::NetworkInput network_input() const { return {images, event_images, features}; }
  losses::LossInput loss_input(const torch::Tensor& outputs) const { return {outputs, targets, weights, observers}; }
};

// A view of the split (no copy): its images (and event images, when event_shape has channels), labels as targets,
// weights and every observer. A split whose images were left in the cache file (a training split streamed by
// data::Loader; data::TrainImages) has no images here: images and event_images stay undefined.
Examples view_examples(data::Split& split, const data::ImageShape& shape, const data::ImageShape& event_shape = {});

// The observers `names` of the examples stacked as features [N, F] (a feature network's `inputs:`). Throws
// core::InputError naming the observer the dataset lacks and what it has.
torch::Tensor observer_features(const Examples& examples, const std::vector<std::string>& names);

}  // namespace jetstudy::train
