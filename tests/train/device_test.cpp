#include "toolkit/train/device.h"

#include <torch/cuda.h>

#include <catch2/catch.hpp>  // after the torch headers: glog defines a CHECK that must not replace Catch's

#include "toolkit/core/error.h"

using namespace jetstudy;

TEST_CASE("device: cpu and auto resolve, a malformed request is an input error") {
  CHECK(train::resolve_device("cpu") == torch::Device(torch::kCPU));
  CHECK(train::resolve_device("auto") ==
        (torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU)));
  REQUIRE_THROWS_WITH(train::resolve_device("gpu0"), "train.device: expected auto, cpu, cuda or cuda:N, got 'gpu0'");
}

TEST_CASE("device: a CUDA device this machine does not have is named in the error") {
  const auto count = torch::cuda::device_count();
  const auto missing = "cuda:" + std::to_string(count);
  REQUIRE_THROWS_WITH(train::resolve_device(missing),
                      Catch::Matchers::StartsWith("train.device: '" + missing + "' requested, but this machine has"));
}

TEST_CASE("device: threads are 'auto' (all cores) or a positive count") {
  CHECK(train::resolve_threads("3") == 3);
  CHECK(train::resolve_threads("auto") >= 1);
  CHECK_THROWS_AS(train::resolve_threads("0"), core::InputError);
}

TEST_CASE("device: cuda:N on a machine without that GPU is an input error saying what to write instead") {
  const auto count = static_cast<int>(torch::cuda::device_count());
  const auto missing = "cuda:" + std::to_string(count + 1);
  CHECK_THROWS_AS(train::resolve_device(missing), core::InputError);
  if (count > 0) return;  // the rest describes a CPU-only machine
  REQUIRE_THROWS_WITH(train::resolve_device("cuda:1"),
                      "train.device: 'cuda:1' requested, but this machine has 0 CUDA device(s) visible to LibTorch "
                      "(a CPU-only LibTorch, or no GPU); use device: cpu or auto");
  REQUIRE_THROWS_WITH(train::resolve_device("cuda"), Catch::Matchers::StartsWith("train.device: 'cuda' requested"));
}
