// Where training runs: "auto" (the first CUDA device if LibTorch sees one, else the CPU), "cpu", "cuda" or
// "cuda:N". A CUDA request on a machine without CUDA is a clear input error, not a silent fallback.
#pragma once

#include <torch/types.h>

#include <string>

namespace jetstudy::train {

torch::Device resolve_device(const std::string& request);

// "cpu" or "cuda:0 (NVIDIA H100 ...)" for logs and the store.
std::string describe_device(const torch::Device& device);

// Intra-op threads for LibTorch: "auto" = all cores of this machine (or of this worker's share).
int resolve_threads(const std::string& request);

}  // namespace jetstudy::train
