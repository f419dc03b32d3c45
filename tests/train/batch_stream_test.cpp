// The training split as a stream of batches: in memory or through data::Loader, each epoch's order fixed by
// (seed, epoch), so a run resumed at epoch k sees what an unbroken run saw.
#include "toolkit/train/batch_stream.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/data/dataset_cache.h"

// After the torch headers: glog (through c10) defines a CHECK of its own that must not replace Catch's.
#include <catch2/catch.hpp>

using namespace jetstudy;

namespace {

// 50 examples whose observer "id" is their row.
train::Examples numbered_examples() {
  train::Examples examples;
  examples.images = torch::rand({50, 1, 4, 4});
  examples.targets = torch::zeros({50});
  examples.observers["id"] = torch::arange(50, torch::kFloat32);
  return examples;
}

// One 200-jet dataset (160 training jets) in a cache file for the loader streams.
const data::JetDataset& cached_dataset() {
  static const core::TempDirectory cache("batch-stream");
  static const data::JetDataset dataset = data::build_or_load_dataset(data::testing::small_config(200), cache.path());
  return dataset;
}

train::LoaderBatches loader_stream(std::uint64_t seed, std::optional<int> only_label = std::nullopt) {
  data::LoaderOptions options;
  options.batch_size = 16;
  options.seed = seed;
  options.chunk_jets = 32;
  options.window_chunks = 2;
  options.only_label = only_label;
  const auto& dataset = cached_dataset();
  return train::LoaderBatches(dataset.path, "train", options, [&dataset](data::Batch&& batch, const torch::Device& device) {
    return train::data_batch_examples(std::move(batch), dataset.shape, dataset.event_shape, device);
  });
}

// The examples of one epoch, each named by the value of `observer`, in delivery order; batch sizes in `sizes`.
std::vector<float> epoch_order(train::BatchStream& stream, int epoch, const std::string& observer,
                               std::vector<std::int64_t>* sizes = nullptr) {
  stream.begin_epoch(epoch);
  std::vector<float> order;
  while (auto batch = stream.next(torch::kCPU)) {
    const auto values = batch->observers.at(observer).contiguous();
    order.insert(order.end(), values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
    if (sizes) sizes->push_back(batch->size());
  }
  return order;
}

std::vector<float> sorted(std::vector<float> values) {
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

TEST_CASE("batch_stream: in memory, every example once per epoch in batches of 16 with a shorter last one") {
  const auto examples = numbered_examples();
  train::InMemoryBatches stream(examples, 16, 5);
  REQUIRE(stream.size() == 50);
  std::vector<std::int64_t> sizes;
  const auto order = epoch_order(stream, 1, "id", &sizes);
  CHECK(sizes == std::vector<std::int64_t>{16, 16, 16, 2});
  std::vector<float> ids(50);
  std::iota(ids.begin(), ids.end(), 0.0f);
  CHECK(order != ids);  // shuffled ...
  CHECK(sorted(order) == ids);  // ... each once
  CHECK(stream.all(torch::kCPU).observers.at("id").equal(examples.observers.at("id")));  // all(): file order
}

TEST_CASE("batch_stream: in memory, the order depends on seed and epoch only, so epoch 3 can be started directly") {
  const auto examples = numbered_examples();
  train::InMemoryBatches unbroken(examples, 16, 5), resumed(examples, 16, 5), other_seed(examples, 16, 6);
  const auto first = epoch_order(unbroken, 1, "id");
  const auto second = epoch_order(unbroken, 2, "id");
  const auto third = epoch_order(unbroken, 3, "id");
  CHECK(first != second);
  CHECK(second != third);
  CHECK(epoch_order(resumed, 3, "id") == third);
  CHECK(epoch_order(resumed, 1, "id") == first);
  CHECK(epoch_order(other_seed, 1, "id") != first);
}

TEST_CASE("batch_stream: through the loader, every training jet once per epoch, the same order for the same seed") {
  const auto& dataset = cached_dataset();
  auto stream = loader_stream(9);
  REQUIRE(stream.size() == dataset.train.size);
  std::vector<std::int64_t> sizes;
  const auto order = epoch_order(stream, 1, "pt", &sizes);
  CHECK(sizes.size() == 10);  // 160 jets in batches of 16
  CHECK(std::all_of(sizes.begin(), sizes.end(), [](std::int64_t size) { return size == 16; }));
  CHECK(order != dataset.train.observers.at("pt"));
  CHECK(sorted(order) == sorted(dataset.train.observers.at("pt")));

  auto again = loader_stream(9), other = loader_stream(10);
  CHECK(epoch_order(again, 1, "pt") == order);
  CHECK(epoch_order(other, 1, "pt") != order);
  const auto images = [&] {
    again.begin_epoch(1);
    return again.next(torch::kCPU)->images;
  }();
  CHECK(images.sizes() == torch::IntArrayRef{16, 1, 12, 12});
}

TEST_CASE("batch_stream: through the loader, epoch 3 begun directly is the epoch 3 of an unbroken stream") {
  auto unbroken = loader_stream(21);
  const auto first = epoch_order(unbroken, 1, "pt");
  const auto second = epoch_order(unbroken, 2, "pt");
  const auto third = epoch_order(unbroken, 3, "pt");
  CHECK(first != second);
  CHECK(second != third);
  CHECK(sorted(third) == sorted(first));

  auto resumed = loader_stream(21);
  CHECK(epoch_order(resumed, 3, "pt") == third);
  CHECK(epoch_order(resumed, 4, "pt") == epoch_order(unbroken, 4, "pt"));
  // An epoch left half-read (a run stopped inside it) starts over from its beginning.
  resumed.begin_epoch(2);
  REQUIRE(resumed.next(torch::kCPU).has_value());
  CHECK(epoch_order(resumed, 2, "pt") == second);
}

TEST_CASE("batch_stream: through the loader, only_label streams one class in full batches, and all() is file order") {
  const auto& dataset = cached_dataset();
  auto stream = loader_stream(3, 0);
  const auto& labels = dataset.train.labels;
  const auto background = std::count(labels.begin(), labels.end(), 0.0f);
  REQUIRE(stream.size() == background);
  stream.begin_epoch(1);
  std::vector<std::int64_t> sizes;
  std::vector<float> pts;
  while (auto batch = stream.next(torch::kCPU)) {
    CHECK(batch->targets.eq(0).all().item<bool>());
    sizes.push_back(batch->size());
    const auto pt = batch->observers.at("pt").contiguous();
    pts.insert(pts.end(), pt.data_ptr<float>(), pt.data_ptr<float>() + pt.numel());
  }
  for (std::size_t b = 0; b + 1 < sizes.size(); ++b) CHECK(sizes[b] == 16);
  CHECK(static_cast<std::int64_t>(pts.size()) == background);
  std::vector<float> expected;
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == 0.0f) expected.push_back(dataset.train.observers.at("pt")[i]);
  CHECK(sorted(pts) == sorted(expected));

  const auto all = stream.all(torch::kCPU);
  const auto all_pt = all.observers.at("pt").contiguous();
  CHECK(std::vector<float>(all_pt.data_ptr<float>(), all_pt.data_ptr<float>() + all_pt.numel()) == expected);
}
