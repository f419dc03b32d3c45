#include "toolkit/data/dataset_file.h"

#include <hdf5.h>

#include <algorithm>
#include <array>
#include <exception>
#include <utility>

#include "toolkit/core/canonical_json.h"
#include "toolkit/core/error.h"

namespace jetstudy::data {
namespace {

// An HDF5 identifier closed by its closing function when it goes out of scope.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)), close_(other.close_) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

// Failures inside this file carry the path so the cache can say which file it rejected.
[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw core::InputError(path.string() + ": " + what);
}

// HDF5 prints its error stack by default; library code never prints. Run `body` with printing switched off
// for this thread and restore it afterwards, also when `body` throws.
template <typename Body>
auto quietly(Body&& body) {
  H5E_auto2_t saved_function = nullptr;
  void* saved_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &saved_function, &saved_data);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  struct Restore {
    H5E_auto2_t function;
    void* data;
    ~Restore() { H5Eset_auto2(H5E_DEFAULT, function, data); }
  } restore{saved_function, saved_data};
  return body();
}

constexpr std::array<const char*, 3> kSplitNames = {"train", "val", "test"};
constexpr hsize_t kMaxJetsPerChunk = 64;
constexpr unsigned kDeflateLevel = 4;

// ---- writing ----

void write_string_attribute(hid_t object, const char* name, const std::string& value, const std::filesystem::path& path) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.get(), std::max<std::size_t>(1, value.size()));
  H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
  Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  Handle attribute(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const std::string padded = value.empty() ? std::string(1, '\0') : value;
  if (!attribute.valid() || H5Awrite(attribute.get(), type.get(), padded.data()) < 0) {
    fail(path, std::string("cannot write attribute ") + name);
  }
}

void write_long_attribute(hid_t object, const char* name, long value, const std::filesystem::path& path) {
  Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  Handle attribute(H5Acreate2(object, name, H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const std::int64_t stored = value;
  if (!attribute.valid() || H5Awrite(attribute.get(), H5T_NATIVE_INT64, &stored) < 0) {
    fail(path, std::string("cannot write attribute ") + name);
  }
}

// A float32 dataset of the given dimensions. Images (rank 4) are chunked by jets and compressed; the first
// dimension may grow later (streaming writers).
void write_floats(hid_t group, const char* name, const std::vector<hsize_t>& dims, const std::vector<float>& values,
                  const std::filesystem::path& path) {
  std::vector<hsize_t> max_dims = dims;
  max_dims[0] = H5S_UNLIMITED;
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max_dims.data()), H5Sclose);
  Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  std::vector<hsize_t> chunk = dims;
  hsize_t per_jet = 1;
  for (std::size_t d = 1; d < dims.size(); ++d) per_jet *= dims[d];
  // About 64 jets (<= 1 MiB) per chunk: small enough for the default chunk cache and for random access.
  chunk[0] = std::clamp<hsize_t>(std::min<hsize_t>(kMaxJetsPerChunk, (1u << 20) / (4 * per_jet)), 1,
                                 std::max<hsize_t>(dims[0], 1));
  if (dims.size() == 1) chunk[0] = std::clamp<hsize_t>(dims[0], 1, 1u << 16);
  H5Pset_chunk(properties.get(), static_cast<int>(chunk.size()), chunk.data());
  if (dims.size() > 1) {
    H5Pset_shuffle(properties.get());
    H5Pset_deflate(properties.get(), kDeflateLevel);
  }
  Handle dataset(H5Dcreate2(group, name, H5T_IEEE_F32LE, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                 H5Dclose);
  if (!dataset.valid()) fail(path, std::string("cannot create dataset ") + name);
  if (dims[0] == 0) return;
  if (H5Dwrite(dataset.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    fail(path, std::string("cannot write dataset ") + name + " (disk full?)");
  }
}

void write_split(hid_t file, const char* name, const Split& split, const ImageShape& shape,
                 const std::filesystem::path& path) {
  Handle group(H5Gcreate2(file, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  if (!group.valid()) fail(path, std::string("cannot create group /") + name);
  const auto n = static_cast<hsize_t>(split.size);
  JETSTUDY_CHECK(split.images.size() == n * static_cast<hsize_t>(shape.size()) && split.labels.size() == n,
                 "split arrays must match the split size");
  write_floats(group.get(), "images",
               {n, static_cast<hsize_t>(shape.channels), static_cast<hsize_t>(shape.height),
                static_cast<hsize_t>(shape.width)},
               split.images, path);
  write_floats(group.get(), "labels", {n}, split.labels, path);
  Handle observers(H5Gcreate2(group.get(), "observers", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  for (const auto& [observer, values] : split.observers) {
    JETSTUDY_CHECK(values.size() == n, "observer arrays must match the split size");
    write_floats(observers.get(), observer.c_str(), {n}, values, path);
  }
}

// ---- reading ----

std::string read_string_attribute(hid_t object, const char* name, const std::filesystem::path& path) {
  if (H5Aexists(object, name) <= 0) fail(path, std::string("attribute '") + name + "' is missing");
  Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  Handle type(H5Aget_type(attribute.get()), H5Tclose);
  if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) > 0) {
    fail(path, std::string("attribute '") + name + "' is not a fixed-length string");
  }
  std::string value(H5Tget_size(type.get()), '\0');
  if (H5Aread(attribute.get(), type.get(), value.data()) < 0) fail(path, std::string("cannot read attribute ") + name);
  value.erase(std::find(value.begin(), value.end(), '\0'), value.end());
  return value;
}

long read_long_attribute(hid_t object, const char* name, const std::filesystem::path& path) {
  if (H5Aexists(object, name) <= 0) fail(path, std::string("attribute '") + name + "' is missing");
  Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  std::int64_t value = 0;
  if (H5Aread(attribute.get(), H5T_NATIVE_INT64, &value) < 0) fail(path, std::string("cannot read attribute ") + name);
  return static_cast<long>(value);
}

// Dimensions and contents of a float dataset at `name` under `group`.
std::vector<hsize_t> read_floats(hid_t group, const std::string& name, std::vector<float>& values,
                                 const std::filesystem::path& path, const std::string& where) {
  if (H5Lexists(group, name.c_str(), H5P_DEFAULT) <= 0) fail(path, "dataset " + where + " is missing");
  Handle dataset(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (!dataset.valid()) fail(path, "cannot open dataset " + where);
  Handle space(H5Dget_space(dataset.get()), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 1) fail(path, "dataset " + where + " has no shape");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  hsize_t count = 1;
  for (const auto d : dims) count *= d;
  values.assign(count, 0.0f);
  if (count > 0 && H5Dread(dataset.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    fail(path, "cannot read dataset " + where + " (corrupt or truncated)");
  }
  return dims;
}

std::vector<std::string> member_names(hid_t group) {
  H5G_info_t info;
  H5Gget_info(group, &info);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const auto length = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length < 0) continue;
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
    name.resize(static_cast<std::size_t>(length));
    names.push_back(name);
  }
  return names;
}

Split read_split(hid_t file, const std::string& name, ImageShape& shape, const std::filesystem::path& path) {
  if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) fail(path, "group /" + name + " is missing");
  Handle group(H5Gopen2(file, name.c_str(), H5P_DEFAULT), H5Gclose);
  Split split;
  const auto dims = read_floats(group.get(), "images", split.images, path, "/" + name + "/images");
  if (dims.size() != 4) fail(path, "/" + name + "/images must be N x C x H x W");
  split.size = static_cast<std::int64_t>(dims[0]);
  const ImageShape found{static_cast<std::int64_t>(dims[1]), static_cast<std::int64_t>(dims[2]),
                         static_cast<std::int64_t>(dims[3])};
  if (shape.size() == 0) shape = found;
  if (!(found == shape)) fail(path, "/" + name + "/images has another image shape than /train/images");
  const auto label_dims = read_floats(group.get(), "labels", split.labels, path, "/" + name + "/labels");
  if (label_dims.size() != 1 || label_dims[0] != dims[0]) fail(path, "/" + name + "/labels does not have one label per image");
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

}  // namespace

void write_dataset_file(const std::filesystem::path& path, const JetDataset& dataset, const std::string& spec_json) {
  quietly([&] {
    Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (!file.valid()) fail(path, "cannot create the HDF5 file");
    write_long_attribute(file.get(), "format_version", kDatasetFormatVersion, path);
    write_string_attribute(file.get(), "hash", dataset.hash, path);
    write_string_attribute(file.get(), "spec", spec_json, path);
    write_string_attribute(file.get(), "counts", core::canonical_json(dataset.counts), path);
    write_split(file.get(), "train", dataset.train, dataset.shape, path);
    write_split(file.get(), "val", dataset.val, dataset.shape, path);
    write_split(file.get(), "test", dataset.test, dataset.shape, path);
    if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0) fail(path, "cannot flush the HDF5 file (disk full?)");
  });
}

std::string read_dataset_spec(const std::filesystem::path& path) {
  return quietly([&] {
    const Handle file = open_for_reading(path);
    return read_string_attribute(file.get(), "spec", path);
  });
}

JetDataset read_dataset_file(const std::filesystem::path& path) {
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
    nlohmann::json spec_json, counts;
    try {
      spec_json = nlohmann::json::parse(spec);
      counts = nlohmann::json::parse(read_string_attribute(file.get(), "counts", path));
    } catch (const nlohmann::json::exception&) {
      fail(path, "the spec or counts attribute is not JSON");
    }
    if (core::content_hash(spec_json) != dataset.hash) fail(path, "the hash attribute does not match the spec");
    dataset.counts = counts;
    dataset.train = read_split(file.get(), kSplitNames[0], dataset.shape, path);
    dataset.val = read_split(file.get(), kSplitNames[1], dataset.shape, path);
    dataset.test = read_split(file.get(), kSplitNames[2], dataset.shape, path);
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

}  // namespace jetstudy::data
