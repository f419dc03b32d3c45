// How a machine is shared between the workers of the local pool: how many workers (`--jobs`, run.jobs), how
// many intra-op threads each gets (the cores split between them), and on GPUs how many workers share each GPU
// (run.slots) and which GPU each one sees (CUDA_VISIBLE_DEVICES). Pure arithmetic over an injected list of
// GPUs, so it is tested without one; query_gpus() asks nvidia-smi for the real list.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "toolkit/sched/plan.h"

namespace jetstudy::sched {

struct GpuInfo {
  int index = 0;                // as nvidia-smi numbers it (what CUDA_VISIBLE_DEVICES takes)
  std::int64_t free_mib = 0;    // memory free now
  std::int64_t total_mib = 0;
};

// What the user asked for; nullopt means `auto`.
struct ComputeRequest {
  std::optional<int> jobs;     // --jobs / run.jobs
  std::optional<int> slots;    // run.slots: workers per GPU
  std::optional<int> threads;  // run.threads: intra-op threads per worker
  bool uses_gpu = false;       // the runs train on CUDA (train.device auto with a GPU present, cuda, cuda:N)
  std::optional<int> gpu;      // train.device cuda:N: only that GPU
};

struct WorkerSlot {
  int threads = 1;
  std::optional<int> gpu;  // the GPU this worker sees as cuda:0 (CUDA_VISIBLE_DEVICES); nullopt: CPU
};

// The estimate behind `slots: auto`: GPU memory one small jet-image training needs (weights, optimiser state,
// a batch of activations and the CUDA context, about 0.5 GiB for the CUDA context alone).
constexpr std::int64_t kGpuMemoryPerRunMib = 2048;
constexpr int kMaxSlotsPerGpu = 8;

// slots: auto -> free memory / kGpuMemoryPerRunMib, between 1 and kMaxSlotsPerGpu.
int auto_slots(const GpuInfo& gpu);

// One entry per worker. CPU runs: jobs auto = cpu_cores; threads auto = max(1, cpu_cores / jobs). GPU runs:
// each GPU gets `slots` workers (auto_slots when auto); jobs auto = the sum of the slots; workers are dealt
// round-robin over the GPUs; threads auto = max(1, cpu_cores / jobs). A GPU run on a machine without GPUs
// falls back to the CPU arithmetic (the run itself then reports its device). Throws core::InputError for a
// cuda:N the list does not hold.
std::vector<WorkerSlot> plan_worker_slots(const ComputeRequest& request, int cpu_cores, const std::vector<GpuInfo>& gpus);

// Parses `nvidia-smi --query-gpu=index,memory.free,memory.total --format=csv,noheader,nounits`.
std::vector<GpuInfo> parse_nvidia_smi(const std::string& text);

// The GPUs nvidia-smi reports; empty when it is missing or fails (a CPU machine).
std::vector<GpuInfo> query_gpus();

// train.threads of the runs a plan has to do. A worker gives a run its slot's threads only when the run's
// train.threads is auto; a number in the recipe (or a sweep) is what that run uses.
struct RecipeThreads {
  std::set<int> pinned;   // the distinct numbers the runs' train.threads give
  bool some_auto = true;  // some run says train.threads: auto (or nothing is known of the runs)
};
RecipeThreads recipe_threads(const Plan& plan);

// What the pool will run with, as the runs will see it: "2 workers on the CPU, 1 thread each" or "4 workers (2x
// GPU 0, 2x GPU 1), 4 threads each"; with train.threads set by the recipe "2 workers on the CPU, 1 thread each
// (train.threads from the recipe)", and when some runs set it and others not "2 workers on the CPU, 2 threads each,
// 1 for runs whose recipe sets train.threads".
std::string describe_slots(const std::vector<WorkerSlot>& slots, const RecipeThreads& recipe = {});

}  // namespace jetstudy::sched
