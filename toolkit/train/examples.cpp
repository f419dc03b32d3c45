#include "toolkit/train/examples.h"

#include "toolkit/core/error.h"

namespace jetstudy::train {
namespace {

torch::Tensor rows_of(const torch::Tensor& tensor, const torch::Tensor& rows, const torch::Device& device) {
  return tensor.defined() ? tensor.index_select(0, rows).to(device) : tensor;
}

torch::Tensor slice_of(const torch::Tensor& tensor, std::int64_t begin, std::int64_t end, const torch::Device& device) {
  return tensor.defined() ? tensor.slice(0, begin, end).to(device) : tensor;
}

}  // namespace

Examples Examples::rows(const torch::Tensor& selected, const torch::Device& device) const {
  Examples out{rows_of(images, selected, device),  rows_of(event_images, selected, device),
               rows_of(features, selected, device), rows_of(targets, selected, device),
               rows_of(weights, selected, device),  {}};
  for (const auto& [name, values] : observers) out.observers[name] = rows_of(values, selected, device);
  return out;
}

Examples Examples::slice(std::int64_t begin, std::int64_t end, const torch::Device& device) const {
  Examples out{slice_of(images, begin, end, device),  slice_of(event_images, begin, end, device),
               slice_of(features, begin, end, device), slice_of(targets, begin, end, device),
               slice_of(weights, begin, end, device),  {}};
  for (const auto& [name, values] : observers) out.observers[name] = slice_of(values, begin, end, device);
  return out;
}

Examples view_examples(data::Split& split, const data::ImageShape& shape, const data::ImageShape& event_shape) {
  const std::int64_t n = split.size;
  JETSTUDY_CHECK(static_cast<std::int64_t>(split.labels.size()) == n, "labels and split size disagree");
  const bool images_in_file = split.images.empty() && n > 0;
  JETSTUDY_CHECK(images_in_file || static_cast<std::int64_t>(split.images.size()) == n * shape.size(),
                 "images and split size disagree");
  const auto options = torch::TensorOptions().dtype(torch::kFloat32);
  Examples examples;
  examples.targets = torch::from_blob(split.labels.data(), {n}, options);
  if (!images_in_file)
    examples.images = torch::from_blob(split.images.data(), {n, shape.channels, shape.height, shape.width}, options);
  if (event_shape.channels > 0 && !images_in_file) {
    JETSTUDY_CHECK(static_cast<std::int64_t>(split.event_images.size()) == n * event_shape.size(),
                   "event images and split size disagree");
    examples.event_images = torch::from_blob(split.event_images.data(),
                                             {n, event_shape.channels, event_shape.height, event_shape.width}, options);
  }
  if (static_cast<std::int64_t>(split.weights.size()) == n)
    examples.weights = torch::from_blob(split.weights.data(), {n}, options);
  for (auto& [name, values] : split.observers) {
    JETSTUDY_CHECK(static_cast<std::int64_t>(values.size()) == n, "observer " + name + " and split size disagree");
    examples.observers[name] = torch::from_blob(values.data(), {n}, options);
  }
  return examples;
}

torch::Tensor observer_features(const Examples& examples, const std::vector<std::string>& names) {
  std::vector<torch::Tensor> columns;
  for (const auto& name : names) {
    const auto found = examples.observers.find(name);
    if (found == examples.observers.end()) {
      std::string known;
      for (const auto& [have, values] : examples.observers) known += (known.empty() ? "" : ", ") + have;
      throw core::InputError("model.inputs: the dataset has no observer '" + name + "' (it has: " + known +
                             "); add it to data.observers");
    }
    columns.push_back(found->second);
  }
  return torch::stack(columns, 1);
}

}  // namespace jetstudy::train
