#include "toolkit/data/loader.h"

#include <fmt/format.h>
#include <hdf5.h>

#include <algorithm>
#include <chrono>
#include <numeric>

#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/hdf5_lock.h"
#include "toolkit/data/shuffle.h"
#include "toolkit/data/sparse_images.h"

namespace jetstudy::data {

namespace hdf5 = core::hdf5;

namespace {

constexpr auto kPoll = std::chrono::milliseconds(20);  // how often a waiting thread looks at the interrupt flag
constexpr std::uint64_t kEpochSalt = 0x65706f6368ULL;  // "epoch"

// Appends rows [first, first + count) of `from` to `to` in the order `rows` (indices into `from`). Images and
// event images (if any) have as many values per jet as their vectors hold per row of `from`.
void append_rows(const Batch& from, const std::vector<std::int64_t>& rows, std::size_t first, std::size_t count,
                 std::int64_t image_size, Batch& to) {
  const auto pixels = static_cast<std::size_t>(image_size);
  const auto event_pixels = from.size > 0 ? from.event_images.size() / static_cast<std::size_t>(from.size) : 0;
  for (std::size_t k = first; k < first + count; ++k) {
    const auto row = static_cast<std::size_t>(rows[k]);
    to.images.insert(to.images.end(), from.images.begin() + static_cast<std::ptrdiff_t>(row * pixels),
                     from.images.begin() + static_cast<std::ptrdiff_t>((row + 1) * pixels));
    to.event_images.insert(to.event_images.end(),
                           from.event_images.begin() + static_cast<std::ptrdiff_t>(row * event_pixels),
                           from.event_images.begin() + static_cast<std::ptrdiff_t>((row + 1) * event_pixels));
    to.labels.push_back(from.labels[row]);
    to.weights.push_back(from.weights[row]);
    for (const auto& [name, values] : from.observers) to.observers[name].push_back(values[row]);
    ++to.size;
  }
}

}  // namespace

// The open HDF5 objects of the split; used only under lock_hdf5().
struct Loader::Files {
  hdf5::Handle file{-1, H5Fclose};
  std::unique_ptr<SparseImageReader> images;
  std::unique_ptr<SparseImageReader> event_images;  // null when the dataset has none
  hdf5::Handle labels{-1, H5Dclose}, weights{-1, H5Dclose};
  std::vector<hdf5::Handle> observers;
};

Loader::Loader(std::filesystem::path cache_file, std::string split, LoaderOptions options)
    : path_(std::move(cache_file)), split_(std::move(split)), options_(options), files_(std::make_unique<Files>()) {
  if (options_.batch_size < 1) throw core::InputError(fmt::format("loader: batch size must be >= 1, got {}", options_.batch_size));
  if (options_.chunk_jets < 1 || options_.window_chunks < 1)
    throw core::InputError("loader: chunk_jets and window_chunks must be >= 1");
  if (options_.first_epoch < 0) throw core::InputError(fmt::format("loader: first epoch must be >= 0, got {}", options_.first_epoch));
  if (split_ != "train" && split_ != "val" && split_ != "test")
    throw core::InputError("loader: split must be train, val or test, got '" + split_ + "'");
  if (!std::filesystem::exists(path_)) hdf5::fail(path_, "dataset cache file not found");
  {
    const auto lock = lock_hdf5();
    hdf5::quietly([&] {
      files_->file = hdf5::Handle(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
      if (!files_->file.valid()) hdf5::fail(path_, "not a readable HDF5 file (truncated or corrupt?)");
      const long version = hdf5::read_long_attribute(files_->file.get(), "format_version", path_);
      if (version != kDatasetFormatVersion)
        hdf5::fail(path_, fmt::format("format version {}, this jetstudy reads version {}", version, kDatasetFormatVersion));
      if (H5Lexists(files_->file.get(), split_.c_str(), H5P_DEFAULT) <= 0) hdf5::fail(path_, "group /" + split_ + " is missing");
      hdf5::Handle group(H5Gopen2(files_->file.get(), split_.c_str(), H5P_DEFAULT), H5Gclose);
      const auto where = "/" + split_ + "/";
      files_->images = std::make_unique<SparseImageReader>(group.get(), "images", path_, where + "images");
      files_->labels = hdf5::open_dataset(group.get(), "labels", path_, where + "labels");
      files_->weights = hdf5::open_dataset(group.get(), "weights", path_, where + "weights");
      rows_ = files_->images->size();
      shape_ = files_->images->shape();
      if (H5Lexists(group.get(), "event_images", H5P_DEFAULT) > 0) {
        files_->event_images = std::make_unique<SparseImageReader>(group.get(), "event_images", path_, where + "event_images");
        event_shape_ = files_->event_images->shape();
        if (files_->event_images->size() != rows_) hdf5::fail(path_, where + "event_images does not have one image per jet");
      }
      const std::vector<hsize_t> dims = {static_cast<hsize_t>(rows_)};
      for (const auto* name : {"labels", "weights"}) {
        const auto d = hdf5::dataset_dims((std::string(name) == "labels" ? files_->labels : files_->weights).get());
        if (d.size() != 1 || d[0] != dims[0]) hdf5::fail(path_, where + name + " does not have one value per image");
      }
      hdf5::Handle observers(H5Gopen2(group.get(), "observers", H5P_DEFAULT), H5Gclose);
      if (!observers.valid()) hdf5::fail(path_, "group " + where + "observers is missing");
      for (const auto& name : hdf5::member_names(observers.get())) {
        files_->observers.push_back(hdf5::open_dataset(observers.get(), name, path_, where + "observers/" + name));
        observer_names_.push_back(name);
      }
      read_standardization(files_->file.get(), shape_, mean_, std_, path_);
      size_ = rows_;
      if (options_.only_label) {  // the labels (one float per jet) are small: count the class's jets up front
        std::vector<float> labels(static_cast<std::size_t>(rows_));
        hdf5::read_rows(files_->labels.get(), H5T_NATIVE_FLOAT, 0, labels.size(), labels.data(), path_, where + "labels");
        size_ = std::count(labels.begin(), labels.end(), static_cast<float>(*options_.only_label));
      }
    });
  }
  const auto window = options_.window_chunks * options_.chunk_jets;
  queue_capacity_ = static_cast<std::size_t>(std::max<std::int64_t>(2, (window + options_.batch_size - 1) / options_.batch_size));
  thread_ = std::thread([this] { produce(); });
}

Loader::~Loader() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  const auto lock = lock_hdf5();  // the handles close inside the library
  files_.reset();
}

std::int64_t Loader::batches_per_epoch() const {
  if (options_.drop_last) return size_ / options_.batch_size;
  return (size_ + options_.batch_size - 1) / options_.batch_size;
}

std::int64_t Loader::peak_jets_in_memory() const {
  const std::lock_guard lock(mutex_);
  return peak_jets_;
}

std::int64_t Loader::memory_bound_jets() const {
  // The window being shuffled (plus the leftover of less than a batch carried from the previous one) and the
  // full queue.
  return options_.window_chunks * options_.chunk_jets + options_.batch_size +
         static_cast<std::int64_t>(queue_capacity_) * options_.batch_size;
}

void Loader::read_rows_into(std::int64_t first, std::int64_t count, Batch& into) {
  const auto n = static_cast<std::size_t>(count);
  const auto pixels = static_cast<std::size_t>(shape_.size());
  into.images.resize(n * pixels);
  into.event_images.resize(n * static_cast<std::size_t>(event_shape_.size()));
  into.labels.resize(n);
  into.weights.resize(n);
  {
    const auto lock = lock_hdf5();
    hdf5::quietly([&] {
      const auto where = "/" + split_ + "/";
      const auto row = static_cast<hsize_t>(first);
      files_->images->read(first, count, into.images.data());
      if (files_->event_images) files_->event_images->read(first, count, into.event_images.data());
      hdf5::read_rows(files_->labels.get(), H5T_NATIVE_FLOAT, row, n, into.labels.data(), path_, where + "labels");
      hdf5::read_rows(files_->weights.get(), H5T_NATIVE_FLOAT, row, n, into.weights.data(), path_, where + "weights");
      for (std::size_t o = 0; o < observer_names_.size(); ++o) {
        auto& values = into.observers[observer_names_[o]];
        values.resize(n);
        hdf5::read_rows(files_->observers[o].get(), H5T_NATIVE_FLOAT, row, n, values.data(), path_,
                        where + "observers/" + observer_names_[o]);
      }
    });
  }
  into.size = count;
  if (mean_.empty()) return;
  for (std::size_t j = 0; j < n; ++j) {  // (x - mean) / std per pixel, as images::Standardize
    float* image = into.images.data() + j * pixels;
    for (std::size_t i = 0; i < pixels; ++i) {
      const float centred = image[i] - mean_[i];
      image[i] = std_[i] > 0 ? centred / std_[i] : centred;
    }
  }
}

bool Loader::push(std::optional<Batch> item) {
  std::unique_lock lock(mutex_);
  while (!stopping_ && queue_.size() >= queue_capacity_) {
    if (core::interrupt_requested()) return false;
    changed_.wait_for(lock, kPoll);
  }
  if (stopping_) return false;
  const auto jets = item ? item->size : 0;
  queued_jets_ += jets;
  window_jets_ -= jets;
  queue_.push_back(std::move(item));
  lock.unlock();
  changed_.notify_all();
  return true;
}

void Loader::produce() {
  try {
    const std::int64_t chunks = (rows_ + options_.chunk_jets - 1) / options_.chunk_jets;
    const auto pixels = shape_.size();
    for (auto epoch = static_cast<std::uint64_t>(options_.first_epoch);; ++epoch) {
      std::mt19937_64 engine(splitmix64(options_.seed ^ splitmix64(epoch ^ kEpochSalt)));
      std::vector<std::int64_t> chunk_order(static_cast<std::size_t>(chunks));
      std::iota(chunk_order.begin(), chunk_order.end(), 0);
      if (options_.shuffle) shuffle_in_place(chunk_order, engine);

      Batch pool;  // jets read but not yet handed out
      for (std::int64_t start = 0; start < chunks || pool.size > 0; start += options_.window_chunks) {
        const bool last_window = start + options_.window_chunks >= chunks;
        for (std::int64_t c = start; c < std::min(chunks, start + options_.window_chunks); ++c) {
          {
            const std::lock_guard lock(mutex_);
            if (stopping_) return;
          }
          if (core::interrupt_requested()) break;
          const std::int64_t first = chunk_order[static_cast<std::size_t>(c)] * options_.chunk_jets;
          Batch chunk;
          read_rows_into(first, std::min(options_.chunk_jets, rows_ - first), chunk);
          std::vector<std::int64_t> kept;  // the chunk's rows that are delivered: all, or those of only_label
          for (std::int64_t row = 0; row < chunk.size; ++row)
            if (!options_.only_label || chunk.labels[static_cast<std::size_t>(row)] == static_cast<float>(*options_.only_label))
              kept.push_back(row);
          append_rows(chunk, kept, 0, kept.size(), pixels, pool);
          const std::lock_guard lock(mutex_);
          window_jets_ += static_cast<std::int64_t>(kept.size());
          peak_jets_ = std::max(peak_jets_, window_jets_ + queued_jets_);
        }
        if (core::interrupt_requested()) {
          const std::lock_guard lock(mutex_);
          finished_ = true;
          changed_.notify_all();
          return;
        }
        std::vector<std::int64_t> rows(static_cast<std::size_t>(pool.size));
        std::iota(rows.begin(), rows.end(), 0);
        if (options_.shuffle) shuffle_in_place(rows, engine);
        // Hand out full batches; keep the rest (less than a batch) for the next window, or the epoch's end.
        std::size_t handed = 0;
        while (static_cast<std::int64_t>(rows.size() - handed) >= options_.batch_size ||
               (last_window && handed < rows.size() && !options_.drop_last)) {
          const auto count = std::min(rows.size() - handed, static_cast<std::size_t>(options_.batch_size));
          Batch batch;
          append_rows(pool, rows, handed, count, pixels, batch);
          handed += count;
          if (!push(std::move(batch))) {
            const std::lock_guard lock(mutex_);
            finished_ = true;
            changed_.notify_all();
            return;
          }
        }
        Batch rest;
        append_rows(pool, rows, handed, rows.size() - handed, pixels, rest);
        if (last_window) {
          const std::lock_guard lock(mutex_);
          window_jets_ -= rest.size;  // drop_last: the leftover is not delivered this epoch
          rest = Batch{};
        }
        pool = std::move(rest);
        if (last_window) break;
      }
      if (!push(std::nullopt)) break;
    }
  } catch (...) {
    const std::lock_guard lock(mutex_);
    failure_ = std::current_exception();
  }
  const std::lock_guard lock(mutex_);
  finished_ = true;
  changed_.notify_all();
}

std::optional<Batch> Loader::next() {
  std::unique_lock lock(mutex_);
  while (queue_.empty() && !failure_ && !finished_ && !core::interrupt_requested()) changed_.wait_for(lock, kPoll);
  if (core::interrupt_requested() || queue_.empty()) {
    if (failure_ && !core::interrupt_requested()) std::rethrow_exception(failure_);
    stopping_ = true;  // Ctrl-C (or a thread that ended by itself): stop it, then say why
    lock.unlock();
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
    core::throw_if_interrupted();
    throw core::InternalError("loader: the prefetch thread stopped without a reason");
  }
  std::optional<Batch> item = std::move(queue_.front());
  queue_.pop_front();
  if (item) queued_jets_ -= item->size;
  else ++epoch_;
  lock.unlock();
  changed_.notify_all();
  return item;
}

}  // namespace jetstudy::data
