#include "toolkit/core/hdf5_file.h"

#include <algorithm>

#include "toolkit/core/error.h"

namespace jetstudy::core::hdf5 {
namespace {

constexpr hsize_t kMaxJetsPerChunk = 64;
constexpr unsigned kDeflateLevel = 4;

}  // namespace

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw core::InputError(path.string() + ": " + what);
}

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

Handle open_file_read_only(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) fail(path, "cannot open (does the file exist?)");
  if (H5Fis_hdf5(path.c_str()) <= 0) fail(path, "not an HDF5 file (or a truncated one)");
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) fail(path, "cannot open as HDF5 (truncated or corrupt file?)");
  return file;
}

Handle open_dataset(hid_t group, const std::string& name, const std::filesystem::path& path, const std::string& where) {
  if (H5Lexists(group, name.c_str(), H5P_DEFAULT) <= 0) fail(path, "dataset " + where + " is missing");
  Handle dataset(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (!dataset.valid()) fail(path, "cannot open dataset " + where + " (is it a dataset?)");
  return dataset;
}

std::vector<hsize_t> dataset_dims(hid_t dataset) {
  Handle space(H5Dget_space(dataset), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

void read_rows(hid_t dataset, hid_t memory_type, hsize_t first, hsize_t count, void* out,
               const std::filesystem::path& path, const std::string& where) {
  if (count == 0) return;
  Handle file_space(H5Dget_space(dataset), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(file_space.get());
  if (rank < 1) fail(path, "dataset " + where + " has no rows");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(file_space.get(), dims.data(), nullptr);
  if (first + count > dims[0]) fail(path, "dataset " + where + " has fewer rows than requested");
  std::vector<hsize_t> start(dims.size(), 0);
  std::vector<hsize_t> block = dims;
  start[0] = first;
  block[0] = count;
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, block.data(), nullptr);
  Handle memory_space(H5Screate_simple(rank, block.data(), nullptr), H5Sclose);
  if (H5Dread(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, out) < 0) {
    fail(path, "cannot read rows " + std::to_string(first) + ".." + std::to_string(first + count) + " of dataset " +
                   where + " (corrupt or truncated file, or a compression filter this HDF5 lacks)");
  }
}

std::vector<std::string> read_strings(hid_t group, const std::string& name, const std::filesystem::path& path,
                                      const std::string& where) {
  Handle dataset = open_dataset(group, name, path, where);
  Handle type(H5Dget_type(dataset.get()), H5Tclose);
  if (H5Tget_class(type.get()) != H5T_STRING) fail(path, "dataset " + where + " does not hold strings");
  const auto dims = dataset_dims(dataset.get());
  if (dims.size() != 1) fail(path, "dataset " + where + " is not a 1-D list of strings");
  std::vector<std::string> strings(dims[0]);
  if (dims[0] == 0) return strings;
  if (H5Tis_variable_str(type.get()) > 0) {
    std::vector<char*> pointers(dims[0], nullptr);
    Handle memory_type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memory_type.get(), H5T_VARIABLE);
    if (H5Dread(dataset.get(), memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0) {
      fail(path, "cannot read dataset " + where);
    }
    for (std::size_t i = 0; i < strings.size(); ++i) strings[i] = pointers[i] != nullptr ? pointers[i] : "";
    Handle space(H5Dget_space(dataset.get()), H5Sclose);
    H5Dvlen_reclaim(memory_type.get(), space.get(), H5P_DEFAULT, pointers.data());
    return strings;
  }
  const std::size_t size = H5Tget_size(type.get());
  std::vector<char> bytes(size * dims[0]);
  if (H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()) < 0) {
    fail(path, "cannot read dataset " + where);
  }
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const char* begin = bytes.data() + i * size;
    strings[i].assign(begin, std::find(begin, begin + size, '\0'));
  }
  return strings;
}

Handle create_extendible(hid_t group, const char* name, hid_t file_type, hsize_t chunk,
                         const std::filesystem::path& path) {
  const hsize_t zero = 0;
  const hsize_t unlimited = H5S_UNLIMITED;
  Handle space(H5Screate_simple(1, &zero, &unlimited), H5Sclose);
  Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  H5Pset_chunk(properties.get(), 1, &chunk);
  H5Pset_shuffle(properties.get());
  H5Pset_deflate(properties.get(), kDeflateLevel);
  Handle dataset(H5Dcreate2(group, name, file_type, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                 H5Dclose);
  if (!dataset.valid()) fail(path, std::string("cannot create dataset ") + name);
  return dataset;
}

void append(hid_t dataset, hid_t memory_type, const void* data, hsize_t count, const std::filesystem::path& path) {
  if (count == 0) return;
  const auto dims = dataset_dims(dataset);
  JETSTUDY_CHECK(dims.size() == 1, "append() is for 1-D datasets");
  const hsize_t old_size = dims[0];
  const hsize_t new_size = old_size + count;
  if (H5Dset_extent(dataset, &new_size) < 0) fail(path, "cannot extend a dataset (disk full?)");
  Handle file_space(H5Dget_space(dataset), H5Sclose);
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &old_size, nullptr, &count, nullptr);
  Handle memory_space(H5Screate_simple(1, &count, nullptr), H5Sclose);
  if (H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, data) < 0) {
    fail(path, "cannot write to a dataset (disk full?)");
  }
}

}  // namespace jetstudy::core::hdf5
