// A few sums over a batch of jet images that a peer pipeline outside jetstudy (bench/peers/images_numpy.py)
// computes the same way, so `jetstudy bench images` can check that both made the same images without writing
// them out. Each sum runs over all images, channels and pixels (row = eta bin h, column = phi bin w):
//   total          sum p                      (the number of non-empty images after an L1 normalisation)
//   row_moment     sum p * h                  column_moment  sum p * w          (centring; flip puts pT at w >= W/2)
//   row_spread     sum p * (h - (H-1)/2)^2    column_spread  sum p * (w - (W-1)/2)^2   (rotation: rows spread more)
//   central_pixel  sum p at (H/2, W/2)        (where the centre lands)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "toolkit/images/image_builder.h"
#include "toolkit/images/jet_image.h"
#include "toolkit/jets/jet.h"

namespace jetstudy::images {

struct ImageChecksum {
  std::int64_t images = 0;
  double total = 0;
  double row_moment = 0, column_moment = 0;
  double row_spread = 0, column_spread = 0;
  double central_pixel = 0;

  void add(const ImageView& image);

  // The largest relative difference |a - b| / max(|a|, |b|) over the sums (0 where both are 0); 1 when the
  // image counts differ.
  double max_relative_difference(const ImageChecksum& other) const;
  // "images 19876, total 19876, row_moment 3.9e+05, ..."
  std::string description() const;
};

// {"images": ..., "total": ..., "row_moment": ..., ...}, the keys the numpy peer prints.
nlohmann::json checksum_json(const ImageChecksum& checksum);
// Throws core::InputError naming the missing or non-numeric key.
ImageChecksum checksum_from_json(const nlohmann::json& json);

// Builds the image of every jet (in order, on this thread) and sums them.
ImageChecksum image_checksum(const ImageBuilder& builder, const std::vector<jets::Jet>& jets);

}  // namespace jetstudy::images
