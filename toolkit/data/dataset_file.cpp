#include "toolkit/data/dataset_file.h"

#include <hdf5.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <exception>
#include <utility>

#include "toolkit/core/canonical_json.h"
#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/data/hdf5_lock.h"
#include "toolkit/data/sparse_images.h"

namespace jetstudy::data {

using namespace core::hdf5;  // this file is the dataset cache's HDF5 layer

namespace {

constexpr std::array<const char*, 3> kSplitNames = {"train", "val", "test"};

std::atomic<std::int64_t> train_images_read_so_far{0};  // training_images_read()

// ---- writing ----

void write_split(hid_t file, const char* name, const Split& split, const ImageShape& shape,
                 const ImageShape& event_shape, const std::filesystem::path& path) {
  Handle group(H5Gcreate2(file, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  if (!group.valid()) fail(path, std::string("cannot create group /") + name);
  const auto n = static_cast<hsize_t>(split.size);
  JETSTUDY_CHECK(split.images.size() == n * static_cast<hsize_t>(shape.size()) && split.labels.size() == n,
                 "split arrays must match the split size");
  write_sparse_images(group.get(), "images", split.images.data(), split.size, shape, path);
  if (event_shape.channels > 0) {
    JETSTUDY_CHECK(split.event_images.size() == n * static_cast<hsize_t>(event_shape.size()), "one event image per jet");
    write_sparse_images(group.get(), "event_images", split.event_images.data(), split.size, event_shape, path);
  }
  write_floats(group.get(), "labels", {n}, split.labels, path);
  JETSTUDY_CHECK(split.weights.size() == n, "one weight per jet");
  write_floats(group.get(), "weights", {n}, split.weights, path);
  Handle observers(H5Gcreate2(group.get(), "observers", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  for (const auto& [observer, values] : split.observers) {
    JETSTUDY_CHECK(values.size() == n, "observer arrays must match the split size");
    write_floats(observers.get(), observer.c_str(), {n}, values, path);
  }
}

// ---- reading ----

// Reads one split; `shape` and `event_shape` are taken from /train and checked against in the others.
// `read_images` false: the image arrays are checked (shape, one per jet) but not read.
Split read_split(hid_t file, const std::string& name, ImageShape& shape, ImageShape& event_shape,
                 const std::filesystem::path& path, bool read_images = true) {
  if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) fail(path, "group /" + name + " is missing");
  Handle group(H5Gopen2(file, name.c_str(), H5P_DEFAULT), H5Gclose);
  Split split;
  SparseImageReader images(group.get(), "images", path, "/" + name + "/images");
  split.size = images.size();
  if (shape.size() == 0) shape = images.shape();
  if (!(images.shape() == shape)) fail(path, "/" + name + "/images has another image shape than /train/images");
  if (read_images) {
    split.images.resize(static_cast<std::size_t>(split.size * shape.size()));
    images.read(0, split.size, split.images.data());
  }
  const bool has_event_images = H5Lexists(group.get(), "event_images", H5P_DEFAULT) > 0;
  if (name == "train" && has_event_images) {
    event_shape = SparseImageReader(group.get(), "event_images", path, "/train/event_images").shape();
  }
  if (has_event_images != (event_shape.channels > 0)) fail(path, "/" + name + "/event_images is present in some splits only");
  if (has_event_images) {
    SparseImageReader events(group.get(), "event_images", path, "/" + name + "/event_images");
    if (!(events.shape() == event_shape)) fail(path, "/" + name + "/event_images has another shape than /train/event_images");
    if (events.size() != split.size) fail(path, "/" + name + "/event_images does not have one event image per jet");
    if (read_images) {
      split.event_images.resize(static_cast<std::size_t>(split.size * event_shape.size()));
      events.read(0, split.size, split.event_images.data());
    }
  }
  const std::vector<hsize_t> dims = {static_cast<hsize_t>(split.size)};
  const auto label_dims = read_floats(group.get(), "labels", split.labels, path, "/" + name + "/labels");
  if (label_dims.size() != 1 || label_dims[0] != dims[0]) fail(path, "/" + name + "/labels does not have one label per image");
  const auto weight_dims = read_floats(group.get(), "weights", split.weights, path, "/" + name + "/weights");
  if (weight_dims.size() != 1 || weight_dims[0] != dims[0]) fail(path, "/" + name + "/weights does not have one weight per image");
  if (H5Lexists(group.get(), "observers", H5P_DEFAULT) <= 0) fail(path, "group /" + name + "/observers is missing");
  Handle observers(H5Gopen2(group.get(), "observers", H5P_DEFAULT), H5Gclose);
  for (const auto& observer : member_names(observers.get())) {
    auto& values = split.observers[observer];
    const auto where = "/" + name + "/observers/" + observer;
    const auto observer_dims = read_floats(observers.get(), observer, values, path, where);
    if (observer_dims.size() != 1 || observer_dims[0] != dims[0]) fail(path, where + " does not have one value per image");
  }
  return split;
}

Handle open_for_reading(const std::filesystem::path& path) {
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) fail(path, "not a readable HDF5 file (truncated or corrupt?)");
  return file;
}

void write_standardization(hid_t file, const JetDataset& dataset, const std::filesystem::path& path) {
  if (dataset.pixel_mean.empty()) return;
  JETSTUDY_CHECK(!dataset.standardized, "the cache keeps the images before standardisation");
  JETSTUDY_CHECK(dataset.pixel_mean.size() == static_cast<std::size_t>(dataset.shape.size()) &&
                     dataset.pixel_std.size() == dataset.pixel_mean.size(),
                 "one mean and one std per pixel");
  Handle group(H5Gcreate2(file, "standardize", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  if (!group.valid()) fail(path, "cannot create group /standardize");
  const std::vector<hsize_t> dims = {static_cast<hsize_t>(dataset.shape.channels),
                                     static_cast<hsize_t>(dataset.shape.height), static_cast<hsize_t>(dataset.shape.width)};
  write_floats(group.get(), "mean", dims, dataset.pixel_mean, path);
  write_floats(group.get(), "std", dims, dataset.pixel_std, path);
}

}  // namespace

void read_standardization(hid_t file, const ImageShape& shape, std::vector<float>& mean, std::vector<float>& std,
                          const std::filesystem::path& path) {
  mean.clear();
  std.clear();
  if (H5Lexists(file, "standardize", H5P_DEFAULT) <= 0) return;
  Handle group(H5Gopen2(file, "standardize", H5P_DEFAULT), H5Gclose);
  read_floats(group.get(), "mean", mean, path, "/standardize/mean");
  read_floats(group.get(), "std", std, path, "/standardize/std");
  if (mean.size() != static_cast<std::size_t>(shape.size()) || std.size() != mean.size())
    fail(path, "/standardize/mean and /standardize/std must hold one number per pixel (C x H x W)");
}

void write_dataset_file(const std::filesystem::path& path, const JetDataset& dataset, const std::string& spec_json) {
  const auto lock = lock_hdf5();
  quietly([&] {
    Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (!file.valid()) fail(path, "cannot create the HDF5 file");
    write_long_attribute(file.get(), "format_version", kDatasetFormatVersion, path);
    write_string_attribute(file.get(), "hash", dataset.hash, path);
    write_string_attribute(file.get(), "spec", spec_json, path);
    write_string_attribute(file.get(), "counts", core::canonical_json(dataset.counts), path);
    write_string_attribute(file.get(), "classes", nlohmann::json(dataset.classes).dump(), path);
    write_split(file.get(), "train", dataset.train, dataset.shape, dataset.event_shape, path);
    write_split(file.get(), "val", dataset.val, dataset.shape, dataset.event_shape, path);
    write_split(file.get(), "test", dataset.test, dataset.shape, dataset.event_shape, path);
    write_standardization(file.get(), dataset, path);
    if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0) fail(path, "cannot flush the HDF5 file (disk full?)");
  });
}

std::int64_t training_images_read() { return train_images_read_so_far.load(); }

std::string read_dataset_spec(const std::filesystem::path& path) {
  const auto lock = lock_hdf5();
  return quietly([&] {
    const Handle file = open_for_reading(path);
    return read_string_attribute(file.get(), "spec", path);
  });
}

JetDataset read_dataset_file(const std::filesystem::path& path, TrainImages train_images) {
  const auto lock = lock_hdf5();
  return quietly([&] {
    const Handle file = open_for_reading(path);
    const long version = read_long_attribute(file.get(), "format_version", path);
    if (version != kDatasetFormatVersion) {
      fail(path, "format version " + std::to_string(version) + ", this jetstudy reads version " +
                     std::to_string(kDatasetFormatVersion));
    }
    JetDataset dataset;
    dataset.path = path;
    dataset.hash = read_string_attribute(file.get(), "hash", path);
    const std::string spec = read_string_attribute(file.get(), "spec", path);
    nlohmann::json spec_json, counts, classes;
    try {
      spec_json = nlohmann::json::parse(spec);
      counts = nlohmann::json::parse(read_string_attribute(file.get(), "counts", path));
      classes = nlohmann::json::parse(read_string_attribute(file.get(), "classes", path));
    } catch (const nlohmann::json::exception&) {
      fail(path, "the spec, counts or classes attribute is not JSON");
    }
    if (!classes.is_array() || classes.size() < 2 ||
        !std::all_of(classes.begin(), classes.end(), [](const nlohmann::json& name) { return name.is_string(); })) {
      fail(path, "the classes attribute must be a list of at least two names, got " + classes.dump());
    }
    dataset.classes = classes.get<std::vector<std::string>>();
    if (core::content_hash(spec_json) != dataset.hash) fail(path, "the hash attribute does not match the spec");
    dataset.counts = counts;
    dataset.train = read_split(file.get(), kSplitNames[0], dataset.shape, dataset.event_shape, path,
                               train_images == TrainImages::read);
    if (train_images == TrainImages::read) train_images_read_so_far += dataset.train.size;
    dataset.val = read_split(file.get(), kSplitNames[1], dataset.shape, dataset.event_shape, path);
    dataset.test = read_split(file.get(), kSplitNames[2], dataset.shape, dataset.event_shape, path);
    for (const Split* split : {&dataset.train, &dataset.val, &dataset.test}) {
      for (const float label : split->labels) {
        if (!(label >= 0 && label < static_cast<float>(dataset.classes.size())) || label != std::floor(label))
          fail(path, "a label is not a class index 0.." + std::to_string(dataset.classes.size() - 1));
      }
    }
    read_standardization(file.get(), dataset.shape, dataset.pixel_mean, dataset.pixel_std, path);
    for (const char* name : kSplitNames) {
      const Split& split = name == kSplitNames[0] ? dataset.train : name == kSplitNames[1] ? dataset.val : dataset.test;
      if (split.observers.size() != dataset.train.observers.size()) fail(path, "the splits keep different observers");
      if (!counts.contains(name) || counts[name].value("jets", std::int64_t{-1}) != split.size) {
        fail(path, std::string("the counts attribute does not match /") + name);
      }
    }
    return dataset;
  });
}

std::mutex& hdf5_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace jetstudy::data
