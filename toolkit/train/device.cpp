#include "toolkit/train/device.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <regex>
#include <thread>

#include "toolkit/core/error.h"

// OpenBLAS's setter, when the OpenBLAS that LibTorch loads provides one (weak: a LibTorch built on another BLAS
// has none, and then there is nothing to set).
extern "C" void openblas_set_num_threads(int threads) __attribute__((weak));

namespace jetstudy::train {

torch::Device resolve_device(const std::string& request) {
  if (request == "cpu") return torch::kCPU;
  if (request == "auto") return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
  static const std::regex kCuda(R"(cuda(?::(\d+))?)");
  std::smatch match;
  if (!std::regex_match(request, match, kCuda))
    throw core::InputError("train.device: expected auto, cpu, cuda or cuda:N, got '" + request + "'");
  const int index = match[1].matched ? std::stoi(match[1].str()) : 0;
  const int available = static_cast<int>(torch::cuda::device_count());
  if (index >= available)
    throw core::InputError("train.device: '" + request + "' requested, but this machine has " +
                           std::to_string(available) + " CUDA device(s) visible to LibTorch" +
                           (available == 0 ? " (a CPU-only LibTorch, or no GPU); use device: cpu or auto" : ""));
  return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
}

std::string describe_device(const torch::Device& device) { return device.str(); }

int resolve_threads(const std::string& request) {
  if (request == "auto") return std::max(1u, std::thread::hardware_concurrency());
  const int threads = std::stoi(request);
  if (threads < 1) throw core::InputError("train.threads: expected auto or a positive integer, got '" + request + "'");
  return threads;
}

void set_compute_threads(int threads) {
  at::set_num_threads(threads);
  if (openblas_set_num_threads) openblas_set_num_threads(1);
}

}  // namespace jetstudy::train
