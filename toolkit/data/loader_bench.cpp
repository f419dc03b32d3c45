#include "toolkit/data/loader_bench.h"

#include <chrono>
#include <fstream>
#include <string>

#include "toolkit/data/loader.h"

namespace jetstudy::data {
namespace {

// "VmHWM:    123456 kB" -> 123456 / 1024 MiB.
double status_mib(const std::string& text, const std::string& key) {
  const auto at = text.find(key + ":");
  if (at == std::string::npos) return 0;
  return std::stod(text.substr(at + key.size() + 1)) / 1024.0;
}

}  // namespace

MemoryUsage memory_usage() {
  std::ifstream in("/proc/self/status");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return {status_mib(text, "VmHWM"), status_mib(text, "VmRSS")};
}

bool reset_peak_rss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

LoaderRate loader_rate(const std::filesystem::path& cache_file, std::int64_t batch_size, int epochs,
                       const std::string& split) {
  LoaderRate rate;
  rate.peak_reset = reset_peak_rss();
  LoaderOptions options;
  options.batch_size = batch_size;
  Loader loader(cache_file, split, options);
  double checksum = 0;  // touch every image, as a trainer copying it into a tensor would
  const auto start = std::chrono::steady_clock::now();
  for (int epoch = 0; epoch < epochs; ++epoch) {
    while (auto batch = loader.next()) {
      for (std::size_t i = 0; i < batch->images.size(); i += 64) checksum += batch->images[i];
      rate.images += batch->size;
    }
  }
  rate.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rate.images_per_second = rate.seconds > 0 ? static_cast<double>(rate.images) / rate.seconds : 0;
  rate.memory = memory_usage();
  if (checksum == -1.0) rate.images = 0;  // keeps the reads from being optimised away
  return rate;
}

}  // namespace jetstudy::data
