// A dataset in memory: images (and optionally the image of each jet's whole event), labels (the class index:
// 1 signal / 0 background, or 0..K-1 for a multi-class dataset), per-jet weights and observers per split, as
// training reads it. Shapes come from the data, never restated elsewhere.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace jetstudy::data {

struct ImageShape {
  std::int64_t channels = 0, height = 0, width = 0;
  std::int64_t size() const { return channels * height * width; }
  bool operator==(const ImageShape&) const = default;
};

struct Split {
  std::int64_t size = 0;
  std::vector<float> images;  // size * C * H * W, jet-major
  std::vector<float> event_images;  // size * C' * H' * W' (JetDataset::event_shape); empty without images.event
  std::vector<float> labels;  // size; the class index, JetDataset::classes[label] names it
  std::vector<float> weights;  // size; 1 unless data.reweight asks for a flat distribution (reweight.h)
  std::map<std::string, std::vector<float>> observers;  // name -> size values
};

struct JetDataset {
  std::string hash;
  std::filesystem::path path;  // the HDF5 cache file it lives in (empty before it is written)
  ImageShape shape;
  // The event images' shape (images.event, arXiv:1807.10768); channels = 0 when the dataset has none.
  ImageShape event_shape;
  // Names of the labels: classes[k] is label k. Binary datasets (signal / background, any source) have
  // {"background", "signal"}; multi-class generator datasets (data.source.classes) the process names in order.
  std::vector<std::string> classes{"background", "signal"};
  Split train, val, test;
  // The fitted per-pixel standardisation (normalize: {norm: standardize}; fitted on the training images), C*H*W
  // each, empty when the images block has none. The cache file keeps the images before it (sparse, so they
  // compress) and these numbers; `standardized` says whether the images in memory are already (x - mean) / std.
  std::vector<float> pixel_mean, pixel_std;
  bool standardized = false;
  // {"train": {"jets", "per_class", "signal", "background"}, "val": ..., "test": ..., "selection": ...,
  //  "skipped": ..., "mean_dropped_pt_fraction": ..., "balance"/"downsample"/"reweight" when asked} (docs/formats.md)
  nlohmann::json counts;
};

}  // namespace jetstudy::data
