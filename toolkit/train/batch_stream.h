// The training examples as the Trainer reads them: one epoch at a time, in mini-batches, either shuffled from
// examples in memory or streamed from the dataset cache by data::Loader (prefetch thread, chunk-wise shuffle,
// bounded memory for splits larger than RAM). The order of epoch e is fixed by (seed, e) alone, so a run resumed
// at epoch k sees the batches an unbroken run saw there.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "toolkit/data/loader.h"
#include "toolkit/train/examples.h"

namespace jetstudy::train {

class BatchStream {
 public:
  virtual ~BatchStream() = default;
  virtual std::int64_t size() const = 0;  // examples per epoch
  // Positions the stream at the start of `epoch` (1-based); its order comes from (seed, epoch) only.
  virtual void begin_epoch(int epoch) = 0;
  // The next batch of the epoch, on `device`; nothing at the end of the epoch.
  virtual std::optional<Examples> next(const torch::Device& device) = 0;
  // Every example once, for networks fitted without gradients (binned likelihoods).
  virtual Examples all(const torch::Device& device) = 0;
};

// Examples in memory, shuffled whole each epoch: batches of batch_size rows, the last one shorter when the
// size is not a multiple. The examples must outlive the stream.
class InMemoryBatches : public BatchStream {
 public:
  InMemoryBatches(const Examples& examples, std::int64_t batch_size, std::uint64_t seed);
  std::int64_t size() const override { return examples_.size(); }
  void begin_epoch(int epoch) override;
  std::optional<Examples> next(const torch::Device& device) override;
  Examples all(const torch::Device& device) override;

 private:
  const Examples& examples_;
  std::int64_t batch_size_;
  std::uint64_t seed_;
  std::vector<std::int64_t> order_;  // this epoch's permutation
  std::int64_t position_ = 0;        // rows of order_ handed out
};

// Turns one loader batch into examples on a device: what the experiment trains on (data_batch_examples plus its
// own targets or features).
using ToExamples = std::function<Examples(data::Batch&&, const torch::Device&)>;

// A split of a dataset cache file streamed through data::Loader. options.batch_size and options.seed are the
// training's; options.first_epoch is set by begin_epoch. Throws what data::Loader throws for a bad file or split.
class LoaderBatches : public BatchStream {
 public:
  LoaderBatches(std::filesystem::path cache_file, std::string split, data::LoaderOptions options, ToExamples to_examples);
  std::int64_t size() const override { return loader_->size(); }
  void begin_epoch(int epoch) override;
  std::optional<Examples> next(const torch::Device& device) override;
  // Reads the split once in file order (with options.only_label) and holds all of it: for direct fits only.
  Examples all(const torch::Device& device) override;

  const data::Loader& loader() const { return *loader_; }

 private:
  std::filesystem::path cache_file_;
  std::string split_;
  data::LoaderOptions options_;
  ToExamples to_examples_;
  std::unique_ptr<data::Loader> loader_;
  int loader_epoch_ = 0;  // the 0-based epoch the loader's next batch belongs to
  bool at_epoch_start_ = true;
};

// A loader batch as examples on `device`: images [B, C, H, W] (`shape`), event images when `event_shape` has
// channels, labels as targets, weights and observers. On the CPU the tensors share the batch's memory.
Examples data_batch_examples(data::Batch&& batch, const data::ImageShape& shape, const data::ImageShape& event_shape,
                             const torch::Device& device);

// Rows of `parts` (same tensors defined in each) stacked into one set of examples.
Examples concatenate(const std::vector<Examples>& parts);

}  // namespace jetstudy::train
