#include "toolkit/train/device.h"

#include <catch2/catch.hpp>
#include <torch/cuda.h>

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
