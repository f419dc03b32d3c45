#include "toolkit/sched/compute_slots.h"

#include <catch2/catch.hpp>

#include "toolkit/core/error.h"

using namespace jetstudy;
using Catch::Matchers::Contains;

namespace {

std::vector<int> gpus_of(const std::vector<sched::WorkerSlot>& slots) {
  std::vector<int> gpus;
  for (const auto& slot : slots) gpus.push_back(slot.gpu.value_or(-1));
  return gpus;
}

}  // namespace

TEST_CASE("compute_slots: CPU runs get one worker per core by default, and the cores split between workers") {
  const auto automatic = sched::plan_worker_slots({}, 16, {});
  CHECK(automatic.size() == 16);
  CHECK(automatic.front().threads == 1);
  CHECK_FALSE(automatic.front().gpu.has_value());

  sched::ComputeRequest four;
  four.jobs = 4;
  const auto split = sched::plan_worker_slots(four, 16, {});
  CHECK(split.size() == 4);
  CHECK(split.back().threads == 4);

  four.jobs = 8;  // more workers than cores: still one thread each
  CHECK(sched::plan_worker_slots(four, 2, {}).front().threads == 1);
  four.threads = 3;  // run.threads pins it
  CHECK(sched::plan_worker_slots(four, 2, {}).front().threads == 3);
  CHECK(sched::describe_slots(sched::plan_worker_slots(four, 2, {})) == "8 workers on the CPU, 3 threads each");
}

TEST_CASE("compute_slots: the pool's message gives the threads the runs use, train.threads from the recipe first") {
  // 1 core per worker would be 2 threads each on 4 cores with 2 jobs; the runs' train.threads decides.
  sched::ComputeRequest two;
  two.jobs = 2;
  const auto slots = sched::plan_worker_slots(two, 4, {});
  const auto plan_with = [](std::vector<nlohmann::json> threads) {
    sched::Plan plan;
    for (const auto& value : threads) {
      sched::PlannedRun run;
      run.spec.config = {{"train", {{"threads", value}}}};
      run.to_do = true;
      plan.runs.push_back(run);
    }
    sched::PlannedRun done;  // a done run is not started: its train.threads does not count
    done.spec.config = {{"train", {{"threads", 16}}}};
    plan.runs.push_back(done);
    return plan;
  };
  CHECK(sched::describe_slots(slots) == "2 workers on the CPU, 2 threads each");
  CHECK(sched::describe_slots(slots, sched::recipe_threads(plan_with({"auto", "auto"}))) ==
        "2 workers on the CPU, 2 threads each");
  CHECK(sched::describe_slots(slots, sched::recipe_threads(plan_with({1, 1}))) ==
        "2 workers on the CPU, 1 thread each (train.threads from the recipe)");
  CHECK(sched::describe_slots(slots, sched::recipe_threads(plan_with({1, 4}))) ==
        "2 workers on the CPU, 1 or 4 threads each (train.threads from the recipe)");
  CHECK(sched::describe_slots(slots, sched::recipe_threads(plan_with({"auto", 1}))) ==
        "2 workers on the CPU, 2 threads each, 1 for runs whose recipe sets train.threads");
  CHECK(sched::recipe_threads(plan_with({})).some_auto);  // nothing to do: the slots' own figure
}

TEST_CASE("compute_slots: slots auto takes free memory over 2 GiB per run, between 1 and 8") {
  CHECK(sched::auto_slots({0, 10000, 16000}) == 4);
  CHECK(sched::auto_slots({0, 500, 16000}) == 1);
  CHECK(sched::auto_slots({0, 80000, 81000}) == 8);
}

TEST_CASE("compute_slots: CUDA runs fill every GPU's slots, dealt round-robin, with CUDA_VISIBLE_DEVICES per worker") {
  const std::vector<sched::GpuInfo> gpus = {{0, 10000, 16000}, {1, 4500, 16000}};  // auto: 4 and 2 slots
  sched::ComputeRequest request;
  request.uses_gpu = true;
  const auto automatic = sched::plan_worker_slots(request, 12, gpus);
  CHECK(gpus_of(automatic) == std::vector<int>{0, 1, 0, 1, 0, 0});
  CHECK(automatic.front().threads == 2);  // 12 cores / 6 workers
  CHECK(sched::describe_slots(automatic) == "6 workers (4x GPU 0, 2x GPU 1), 2 threads each");

  request.slots = 3;
  request.jobs = 4;
  CHECK(gpus_of(sched::plan_worker_slots(request, 12, gpus)) == std::vector<int>{0, 1, 0, 1});

  request.gpu = 1;  // train.device: cuda:1
  request.jobs.reset();
  CHECK(gpus_of(sched::plan_worker_slots(request, 12, gpus)) == std::vector<int>{1, 1, 1});
  request.gpu = 5;
  CHECK_THROWS_WITH(sched::plan_worker_slots(request, 12, gpus), Contains("cuda:5: this machine has 2 GPU(s)"));

  request.gpu.reset();  // device auto on a machine without GPUs: the CPU arithmetic
  CHECK(gpus_of(sched::plan_worker_slots(request, 2, {})) == std::vector<int>{-1, -1});
}

TEST_CASE("compute_slots: nvidia-smi's CSV gives index, free and total memory per GPU") {
  const auto gpus = sched::parse_nvidia_smi("0, 80000, 81559\n1, 1200, 81559\nNo devices were found\n");
  REQUIRE(gpus.size() == 2);
  CHECK(gpus[1].index == 1);
  CHECK(gpus[1].free_mib == 1200);
  CHECK(gpus[0].total_mib == 81559);
}
