#include "toolkit/train/batch_stream.h"

#include <numeric>
#include <random>

#include "toolkit/core/error.h"
#include "toolkit/data/shuffle.h"

namespace jetstudy::train {
namespace {

constexpr std::uint64_t kEpochSalt = 0x747261696e6f7264ULL;  // "trainord"

// Concatenates one tensor of every part along rows (undefined when the parts have none).
torch::Tensor cat_rows(const std::vector<Examples>& parts, torch::Tensor Examples::*member) {
  std::vector<torch::Tensor> pieces;
  for (const auto& part : parts)
    if ((part.*member).defined()) pieces.push_back(part.*member);
  if (pieces.empty()) return {};
  JETSTUDY_CHECK(pieces.size() == parts.size(), "every part must hold the same tensors");
  return torch::cat(pieces, 0);
}

}  // namespace

// ---- in memory ----

InMemoryBatches::InMemoryBatches(const Examples& examples, std::int64_t batch_size, std::uint64_t seed)
    : examples_(examples), batch_size_(batch_size), seed_(seed) {
  JETSTUDY_CHECK(batch_size_ >= 1, "batches need at least one example");
}

void InMemoryBatches::begin_epoch(int epoch) {
  JETSTUDY_CHECK(epoch >= 1, "epochs count from 1");
  order_.resize(static_cast<std::size_t>(examples_.size()));
  std::iota(order_.begin(), order_.end(), 0);
  std::mt19937_64 engine(data::splitmix64(seed_ ^ data::splitmix64(static_cast<std::uint64_t>(epoch) ^ kEpochSalt)));
  data::shuffle_in_place(order_, engine);
  position_ = 0;
}

std::optional<Examples> InMemoryBatches::next(const torch::Device& device) {
  const auto rows = static_cast<std::int64_t>(order_.size());
  if (position_ >= rows) return std::nullopt;
  const auto count = std::min(batch_size_, rows - position_);
  const auto selected = torch::from_blob(order_.data() + position_, {count}, torch::kInt64);
  position_ += count;
  return examples_.rows(selected, device);
}

Examples InMemoryBatches::all(const torch::Device& device) { return examples_.slice(0, examples_.size(), device); }

// ---- streamed from the cache ----

LoaderBatches::LoaderBatches(std::filesystem::path cache_file, std::string split, data::LoaderOptions options,
                             ToExamples to_examples)
    : cache_file_(std::move(cache_file)), split_(std::move(split)), options_(options), to_examples_(std::move(to_examples)) {
  JETSTUDY_CHECK(static_cast<bool>(to_examples_), "a loader stream needs a conversion to examples");
  loader_ = std::make_unique<data::Loader>(cache_file_, split_, options_);
  loader_epoch_ = options_.first_epoch;
}

void LoaderBatches::begin_epoch(int epoch) {
  JETSTUDY_CHECK(epoch >= 1, "epochs count from 1");
  const int wanted = epoch - 1;  // the loader counts epochs from 0
  if (wanted == loader_epoch_ && at_epoch_start_) return;  // the loader is already there (the usual case)
  // A resumed run, or an epoch left half-read: a new loader that begins at this epoch, with the same order.
  loader_.reset();  // stops the old prefetch thread before the new one reads
  auto options = options_;
  options.first_epoch = wanted;
  loader_ = std::make_unique<data::Loader>(cache_file_, split_, options);
  loader_epoch_ = wanted;
  at_epoch_start_ = true;
}

std::optional<Examples> LoaderBatches::next(const torch::Device& device) {
  auto batch = loader_->next();
  if (!batch) {
    ++loader_epoch_;
    at_epoch_start_ = true;
    return std::nullopt;
  }
  at_epoch_start_ = false;
  return to_examples_(std::move(*batch), device);
}

Examples LoaderBatches::all(const torch::Device& device) {
  auto options = options_;
  options.shuffle = false;
  options.first_epoch = 0;
  data::Loader in_file_order(cache_file_, split_, options);
  std::vector<Examples> parts;
  while (auto batch = in_file_order.next()) parts.push_back(to_examples_(std::move(*batch), device));
  return concatenate(parts);
}

// ---- conversions ----

Examples data_batch_examples(data::Batch&& batch, const data::ImageShape& shape, const data::ImageShape& event_shape,
                             const torch::Device& device) {
  const std::int64_t n = batch.size;
  JETSTUDY_CHECK(static_cast<std::int64_t>(batch.images.size()) == n * shape.size(), "batch images and shape disagree");
  // The tensors view the batch's vectors, which the shared batch keeps alive as long as any of them lives.
  const auto owner = std::make_shared<data::Batch>(std::move(batch));
  const auto keep = [owner](void*) {};
  const auto options = torch::TensorOptions().dtype(torch::kFloat32);
  const auto view = [&](std::vector<float>& values, torch::IntArrayRef sizes) {
    return torch::from_blob(values.data(), sizes, keep, options).to(device);
  };
  Examples examples;
  examples.images = view(owner->images, {n, shape.channels, shape.height, shape.width});
  if (event_shape.channels > 0) {
    JETSTUDY_CHECK(static_cast<std::int64_t>(owner->event_images.size()) == n * event_shape.size(),
                   "batch event images and shape disagree");
    examples.event_images = view(owner->event_images, {n, event_shape.channels, event_shape.height, event_shape.width});
  }
  examples.targets = view(owner->labels, {n});
  if (static_cast<std::int64_t>(owner->weights.size()) == n) examples.weights = view(owner->weights, {n});
  for (auto& [name, values] : owner->observers) examples.observers[name] = view(values, {n});
  return examples;
}

Examples concatenate(const std::vector<Examples>& parts) {
  Examples all;
  if (parts.empty()) return all;
  all.images = cat_rows(parts, &Examples::images);
  all.event_images = cat_rows(parts, &Examples::event_images);
  all.features = cat_rows(parts, &Examples::features);
  all.targets = cat_rows(parts, &Examples::targets);
  all.weights = cat_rows(parts, &Examples::weights);
  for (const auto& [name, values] : parts.front().observers) {
    std::vector<torch::Tensor> pieces;
    for (const auto& part : parts) pieces.push_back(part.observers.at(name));
    all.observers[name] = torch::cat(pieces, 0);
  }
  return all;
}

}  // namespace jetstudy::train
