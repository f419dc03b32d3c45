#include "toolkit/data/sparse_images.h"

#include <fmt/format.h>

#include <algorithm>

#include "toolkit/core/error.h"

namespace jetstudy::data {

namespace hdf5 = core::hdf5;

namespace {

constexpr hsize_t kEntriesPerChunk = 32768;  // about 1,400 jets of 40 x 40 per HDF5 chunk

}  // namespace

void write_sparse_images(hid_t parent, const char* name, const float* images, std::int64_t count,
                         const ImageShape& shape, const std::filesystem::path& path) {
  hdf5::Handle group(H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  if (!group.valid()) hdf5::fail(path, std::string("cannot create group ") + name);
  hdf5::write_long_attribute(group.get(), "channels", static_cast<long>(shape.channels), path);
  hdf5::write_long_attribute(group.get(), "height", static_cast<long>(shape.height), path);
  hdf5::write_long_attribute(group.get(), "width", static_cast<long>(shape.width), path);
  const std::int64_t pixels = shape.size();
  std::vector<std::uint64_t> offset{0};
  std::vector<std::uint32_t> index;
  std::vector<float> value;
  offset.reserve(static_cast<std::size_t>(count) + 1);
  for (std::int64_t jet = 0; jet < count; ++jet) {
    const float* image = images + jet * pixels;
    for (std::int64_t p = 0; p < pixels; ++p) {
      if (image[p] == 0.0f) continue;
      index.push_back(static_cast<std::uint32_t>(p));
      value.push_back(image[p]);
    }
    offset.push_back(index.size());
  }
  const hid_t index_type = pixels <= 65536 ? H5T_STD_U16LE : H5T_STD_U32LE;
  auto offsets = hdf5::create_extendible(group.get(), "offset", H5T_STD_U64LE, kEntriesPerChunk, path);
  hdf5::append(offsets.get(), H5T_NATIVE_UINT64, offset.data(), offset.size(), path);
  auto indices = hdf5::create_extendible(group.get(), "index", index_type, kEntriesPerChunk, path);
  hdf5::append(indices.get(), H5T_NATIVE_UINT32, index.data(), index.size(), path);
  auto values = hdf5::create_extendible(group.get(), "value", H5T_IEEE_F32LE, kEntriesPerChunk, path);
  hdf5::append(values.get(), H5T_NATIVE_FLOAT, value.data(), value.size(), path);
}

SparseImageReader::SparseImageReader(hid_t parent, const std::string& name, const std::filesystem::path& path,
                                     std::string where)
    : path_(path), where_(std::move(where)), group_(-1, H5Gclose), offset_(-1, H5Dclose), index_(-1, H5Dclose),
      value_(-1, H5Dclose) {
  if (H5Lexists(parent, name.c_str(), H5P_DEFAULT) <= 0) hdf5::fail(path_, "group " + where_ + " is missing");
  group_ = hdf5::Handle(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), H5Gclose);
  if (!group_.valid()) hdf5::fail(path_, where_ + " is not a group of sparse images");
  shape_ = {hdf5::read_long_attribute(group_.get(), "channels", path_),
            hdf5::read_long_attribute(group_.get(), "height", path_),
            hdf5::read_long_attribute(group_.get(), "width", path_)};
  if (shape_.channels < 1 || shape_.height < 1 || shape_.width < 1) hdf5::fail(path_, where_ + ": image shape is not positive");
  offset_ = hdf5::open_dataset(group_.get(), "offset", path_, where_ + "/offset");
  index_ = hdf5::open_dataset(group_.get(), "index", path_, where_ + "/index");
  value_ = hdf5::open_dataset(group_.get(), "value", path_, where_ + "/value");
  const auto offsets = hdf5::dataset_dims(offset_.get());
  const auto indices = hdf5::dataset_dims(index_.get());
  const auto values = hdf5::dataset_dims(value_.get());
  if (offsets.size() != 1 || offsets[0] < 1 || indices.size() != 1 || values.size() != 1 || indices[0] != values[0])
    hdf5::fail(path_, where_ + ": offset, index and value must be 1-D, with one value per index");
  size_ = static_cast<std::int64_t>(offsets[0]) - 1;
  entries_ = static_cast<std::int64_t>(values[0]);
}

void SparseImageReader::read(std::int64_t first, std::int64_t count, float* out) {
  JETSTUDY_CHECK(first >= 0 && count >= 0 && first + count <= size_, "sparse image rows out of range");
  const auto pixels = static_cast<std::size_t>(shape_.size());
  std::fill(out, out + static_cast<std::size_t>(count) * pixels, 0.0f);
  if (count == 0) return;
  offsets_.resize(static_cast<std::size_t>(count) + 1);
  hdf5::read_rows(offset_.get(), H5T_NATIVE_UINT64, static_cast<hsize_t>(first), static_cast<hsize_t>(count) + 1,
                  offsets_.data(), path_, where_ + "/offset");
  const std::uint64_t begin = offsets_.front(), end = offsets_.back();
  if (end < begin || end > static_cast<std::uint64_t>(entries_))
    hdf5::fail(path_, where_ + "/offset: offsets decrease or point past the end (corrupt file)");
  indices_.resize(end - begin);
  values_.resize(end - begin);
  hdf5::read_rows(index_.get(), H5T_NATIVE_UINT32, begin, end - begin, indices_.data(), path_, where_ + "/index");
  hdf5::read_rows(value_.get(), H5T_NATIVE_FLOAT, begin, end - begin, values_.data(), path_, where_ + "/value");
  for (std::size_t jet = 0; jet < static_cast<std::size_t>(count); ++jet) {
    if (offsets_[jet + 1] < offsets_[jet]) hdf5::fail(path_, where_ + "/offset: offsets decrease (corrupt file)");
    float* image = out + jet * pixels;
    for (std::uint64_t k = offsets_[jet] - begin; k < offsets_[jet + 1] - begin; ++k) {
      if (indices_[k] >= pixels) hdf5::fail(path_, where_ + "/index: a pixel index lies outside the image (corrupt file)");
      image[indices_[k]] = values_[k];
    }
  }
}

}  // namespace jetstudy::data
