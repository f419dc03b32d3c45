// A dataset in memory: images, labels (1 signal, 0 background) and observers per split, as training reads it.
// Shapes come from the data, never restated elsewhere.
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
  std::vector<float> labels;  // size
  std::map<std::string, std::vector<float>> observers;  // name -> size values
};

struct JetDataset {
  std::string hash;
  std::filesystem::path path;  // the HDF5 cache file it lives in (empty before it is written)
  ImageShape shape;
  Split train, val, test;
  nlohmann::json counts;  // {"train": {"jets", "signal", "background"}, "val": ..., "test": ..., "selection": ...}
};

}  // namespace jetstudy::data
