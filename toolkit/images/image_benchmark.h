// Timing of ImageBuilder on given jets (the `jetstudy bench images` figure; target >= 20k jets/s/core for
// leading-subjet centring, rotation, flip at 40x40, issue 4). Jets are made beforehand, so only the image
// pipeline is timed: jet frame, steps, pixelisation, image steps, writing into a batch slot.
#pragma once

#include <cstdint>
#include <vector>

#include "toolkit/images/image_builder.h"
#include "toolkit/images/image_spec.h"
#include "toolkit/jets/jet.h"

namespace jetstudy::images {

struct ImageBenchmark {
  std::int64_t images = 0;  // images built (passes over the jets x jets)
  double seconds = 0;       // wall time
  int threads = 1;
  double images_per_second() const { return seconds > 0 ? static_cast<double>(images) / seconds : 0; }
  double images_per_second_per_thread() const { return images_per_second() / threads; }
};

// The benchmark's image: 40x40 pt over [-1.6, 1.6]^2, center on leading_subjet, rotate principal_axis before
// pixelisation, flip.
ImageSpec benchmark_image_spec();

// The image of the numpy peer (bench/peers/images_numpy.py): only what numpy can do alone -- 40x40 pt over
// [-1.6, 1.6]^2, center on pt_centroid, rotate principal_axis before pixelisation, flip, normalize l1.
ImageSpec numpy_peer_image_spec();

// Builds images of `jets` over and over (whole passes) until at least min_seconds have passed, on `threads`
// threads (TBB; 1 = the calling thread only). Throws core::InputError for no jets or threads < 1.
ImageBenchmark benchmark_image_builder(const ImageBuilder& builder, const std::vector<jets::Jet>& jets,
                                       int threads = 1, double min_seconds = 0.5);

}  // namespace jetstudy::images
