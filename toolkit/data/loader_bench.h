// Figures for `jetstudy bench images`: how fast a Loader delivers images from a dataset cache file and how much
// memory the process holds while it does (the goals: >= 3x the ~1.7k img/s DeepTop training consumes
// here, and < 2 GB resident while iterating a 1.2M-jet cache).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace jetstudy::data {

// Resident memory of this process from /proc/self/status, in MiB: VmHWM (the peak) and VmRSS (now).
struct MemoryUsage {
  double peak_rss_mib = 0, rss_mib = 0;
};
MemoryUsage memory_usage();
// Asks Linux to restart the VmHWM peak from the current RSS (writes 5 to /proc/self/clear_refs); false if it
// cannot (then the peak includes whatever the process held before).
bool reset_peak_rss();

struct LoaderRate {
  double images_per_second = 0;
  std::int64_t images = 0;      // delivered (every jet of the split, once per epoch)
  double seconds = 0;
  MemoryUsage memory;           // after iterating; peak since the loader was made (when reset_peak_rss worked)
  bool peak_reset = false;
};

// Iterates `epochs` shuffled epochs of `split` of a cache file in batches of `batch_size`, touching every
// image, and times it (wall clock, from the first request).
LoaderRate loader_rate(const std::filesystem::path& cache_file, std::int64_t batch_size, int epochs = 1,
                       const std::string& split = "train");

}  // namespace jetstudy::data
