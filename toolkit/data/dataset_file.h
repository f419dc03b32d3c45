// The HDF5 file of a dataset (docs/formats.md): groups /train, /val, /test, each with `images` (sparse rows:
// sparse_images.h; before standardisation), optional `event_images` (sparse rows, with images.event), `labels`
// (class indices), `weights` (N float32) and `observers/<name>` (N float32); optional /standardize/mean and
// /standardize/std (C x H x W, fitted on the training images); root attributes `format_version`, `hash`, `spec`
// (canonical JSON of data + images), `counts` (JSON) and `classes` (JSON list: the name of each label). Every function here holds lock_hdf5() (hdf5_lock.h) while it is in the HDF5 library.
#pragma once

#include <hdf5.h>

#include <filesystem>
#include <string>
#include <vector>

#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// Bump when the file layout or the way datasets are built changes: older files are then rebuilt.
// 2: sparse images, per-jet weights, /standardize, file sources, zero-pT jets skipped.
// 3: `classes` attribute (multi-class labels), optional event images, per_class counts, data.downsample.
inline constexpr long kDatasetFormatVersion = 3;

// Whether read_dataset_file / build_or_load_dataset bring the training split's images (and event images) into
// memory. Training that streams them from the file (data::Loader) leaves them there (`train.images` and
// `train.event_images` empty, `train.size` still the jet count): labels, weights and observers are read, as
// are the validation and test splits whole.
enum class TrainImages { read, leave_in_file };

// Writes `dataset` to `path` (not atomically: callers go through core::produce_file_atomically).
// `spec_json` is the canonical JSON the dataset's hash was made from.
void write_dataset_file(const std::filesystem::path& path, const JetDataset& dataset, const std::string& spec_json);

// Reads and checks a dataset file: format version, hash matching its spec, the three splits with consistent
// shapes. Images come back as stored (before standardisation; pixel_mean / pixel_std filled when the file has
// them, standardized = false): data::standardize_images() finishes them. Throws core::InputError saying what is wrong ("path: ...") for a file that is unreadable, truncated,
// of another format version, or inconsistent.
JetDataset read_dataset_file(const std::filesystem::path& path, TrainImages train_images = TrainImages::read);

// Training-split jets whose images read_dataset_file has brought into memory in this process so far (tests check
// that training which streams them leaves them in the file).
std::int64_t training_images_read();

// The root attribute `spec` (the dataset's data + images blocks as canonical JSON) of a readable file.
std::string read_dataset_spec(const std::filesystem::path& path);

// /standardize/mean and /std of an open dataset file (both left empty when the file has none). Caller holds
// lock_hdf5().
void read_standardization(hid_t file, const ImageShape& shape, std::vector<float>& mean, std::vector<float>& std,
                          const std::filesystem::path& path);

}  // namespace jetstudy::data
