// Jet images are sparse (tens of lit pixels out of 1,600 at 40 x 40), so the dataset cache stores each split's
// images as a compressed sparse-row list: group /<split>/images with
//   offset  uint64, N + 1: jet i owns entries [offset[i], offset[i+1])
//   index   uint16 (uint32 when C*H*W > 65,536): the pixel's position in the jet's C x H x W image, increasing
//   value   float32: the pixel's content (never 0)
// and attributes `channels`, `height`, `width`. All three datasets are 1-D, chunked, shuffle + deflate.
// Measured on 20k top/QCD jets (docs/formats.md): 97 bytes/jet at 40 x 40 against 203 for dense + deflate, and
// read + densified ~75x faster. Readers always hand out dense images.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "toolkit/core/hdf5_file.h"
#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// Writes `count` dense images (jet-major, C*H*W floats each) as group `name` under `parent`.
void write_sparse_images(hid_t parent, const char* name, const float* images, std::int64_t count,
                         const ImageShape& shape, const std::filesystem::path& path);

// Reads rows of a sparse image group back as dense images. Every call must hold lock_hdf5().
class SparseImageReader {
 public:
  // Opens group `name` under `parent`; `where` names it in messages ("/train/images"). Throws core::InputError
  // naming the file for a missing or inconsistent group.
  SparseImageReader(hid_t parent, const std::string& name, const std::filesystem::path& path, std::string where);

  std::int64_t size() const { return size_; }  // jets
  const ImageShape& shape() const { return shape_; }
  // Jets [first, first + count) into out[0 .. count * C*H*W), zeros included.
  void read(std::int64_t first, std::int64_t count, float* out);

 private:
  std::filesystem::path path_;
  std::string where_;
  core::hdf5::Handle group_, offset_, index_, value_;
  ImageShape shape_;
  std::int64_t size_ = 0, entries_ = 0;
  std::vector<std::uint64_t> offsets_;  // scratch
  std::vector<std::uint32_t> indices_;
  std::vector<float> values_;
};

}  // namespace jetstudy::data
