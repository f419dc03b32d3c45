// Training batches streamed from a dataset cache file without loading the split: a background thread reads
// chunks of rows (HDF5 hyperslabs), shuffles them deterministically and queues batches; memory stays bounded
// (a window of chunks plus a queue of about the same size), so a 1.2M-jet cache iterates in little RAM.
// Shuffling is chunk-wise, as for datasets larger than memory: the order of the chunks is a permutation fixed by
// (seed, epoch), and jets are shuffled within a window of a few consecutive chunks of that order. Observers and
// weights travel with each batch (observers for metrics and decorrelation, never for the network).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// One batch as plain arrays (the trainer turns them into tensors).
struct Batch {
  std::vector<float> images;   // size x C x H x W, standardised when the dataset is
  std::vector<float> event_images;  // size x C' x H' x W' (Loader::event_shape()); empty without event images
  std::vector<float> labels;   // size, the class index (1 signal / 0 background, or 0..K-1)
  std::vector<float> weights;  // size
  std::map<std::string, std::vector<float>> observers;  // name -> size values
  std::int64_t size = 0;
};

struct LoaderOptions {
  std::int64_t batch_size = 128;
  std::uint64_t seed = 1;
  bool shuffle = true;               // false: file order (validation, test, predictions)
  std::int64_t chunk_jets = 1024;    // rows per read; best a multiple of the file's 64-jet HDF5 chunks
  std::int64_t window_chunks = 4;    // jets are shuffled within this many chunks
  bool drop_last = false;            // true: an epoch's last, smaller batch is left out
  // The 0-based epoch the loader begins with: epoch e has the same order whether the loader began at 0 and
  // iterated up to it or began there (a resumed training run).
  int first_epoch = 0;
  // Only jets of this class (label) are delivered, still in full batches (an autoencoder trained on background);
  // size() counts them. Nothing: every jet.
  std::optional<int> only_label;
};

class Loader {
 public:
  // Opens `split` ("train", "val" or "test") of a dataset cache file and starts the prefetch thread. Throws
  // core::InputError naming the file for a missing or unreadable file or split, or batch_size < 1.
  Loader(std::filesystem::path cache_file, std::string split, LoaderOptions options = {});
  ~Loader();  // stops and joins the prefetch thread
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  // The next batch of the current epoch; nothing when the epoch is over (the following call begins the next
  // epoch, whose order comes from (seed, epoch)). Rethrows what the prefetch thread met (a corrupt chunk:
  // core::InputError); throws core::Interrupted after Ctrl-C (core::interrupt_requested()), having stopped it.
  std::optional<Batch> next();

  std::int64_t size() const { return size_; }  // jets an epoch delivers, each exactly once (of only_label, if set)
  const ImageShape& shape() const { return shape_; }
  const ImageShape& event_shape() const { return event_shape_; }  // channels 0: the dataset has no event images
  const std::vector<std::string>& observer_names() const { return observer_names_; }
  std::int64_t batches_per_epoch() const;
  int epoch() const { return epoch_; }  // epochs finished by next() (not counting options.first_epoch)
  // The most jets the loader has held at once (the thread's window plus the queued batches): the memory bound.
  std::int64_t peak_jets_in_memory() const;
  std::int64_t memory_bound_jets() const;  // what peak_jets_in_memory() never exceeds

 private:
  struct Files;
  void produce();
  void read_rows_into(std::int64_t first, std::int64_t count, Batch& into);
  bool push(std::optional<Batch> item);  // false once stopping

  std::filesystem::path path_;
  std::string split_;
  LoaderOptions options_;
  std::unique_ptr<Files> files_;
  ImageShape shape_, event_shape_;
  std::int64_t rows_ = 0;  // jets in the split's file arrays
  std::int64_t size_ = 0;  // jets an epoch delivers
  std::vector<std::string> observer_names_;
  std::vector<float> mean_, std_;  // standardisation, empty when none
  int epoch_ = 0;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::optional<Batch>> queue_;  // nothing = end of an epoch
  std::size_t queue_capacity_ = 2;
  std::int64_t queued_jets_ = 0, window_jets_ = 0, peak_jets_ = 0;
  bool stopping_ = false, finished_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace jetstudy::data
