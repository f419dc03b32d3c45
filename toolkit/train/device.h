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

// Trains with `threads` LibTorch (OpenMP) threads and a single-threaded BLAS: Debian's LibTorch calls OpenBLAS,
// whose own thread pool otherwise competes with OpenMP's for the same cores (measured: a LAGAN epoch took 103 s
// with both pools on 2 cores, 40 s with OpenBLAS on one thread).
void set_compute_threads(int threads);

}  // namespace jetstudy::train
