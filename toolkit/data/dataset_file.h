// The HDF5 file of a dataset (docs/formats.md): groups /train, /val, /test, each with `images` (N x C x H x W
// float32, chunked, shuffle + deflate), `labels` (N float32) and `observers/<name>` (N float32); root
// attributes `format_version`, `hash`, `spec` (canonical JSON of data + images) and `counts` (JSON).
#pragma once

#include <filesystem>
#include <string>

#include "toolkit/data/jet_dataset.h"

namespace jetstudy::data {

// Bump when the file layout or the way datasets are built changes: older files are then rebuilt.
inline constexpr long kDatasetFormatVersion = 1;

// Writes `dataset` to `path` (not atomically: callers go through core::produce_file_atomically).
// `spec_json` is the canonical JSON the dataset's hash was made from.
void write_dataset_file(const std::filesystem::path& path, const JetDataset& dataset, const std::string& spec_json);

// Reads and checks a dataset file: format version, hash matching its spec, the three splits with consistent
// shapes. Throws core::InputError saying what is wrong ("path: ...") for a file that is unreadable, truncated,
// of another format version, or inconsistent.
JetDataset read_dataset_file(const std::filesystem::path& path);

// The root attribute `spec` (the dataset's data + images blocks as canonical JSON) of a readable file.
std::string read_dataset_spec(const std::filesystem::path& path);

}  // namespace jetstudy::data
