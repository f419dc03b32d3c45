#include "toolkit/sched/compute_slots.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "toolkit/core/error.h"

namespace jetstudy::sched {

int auto_slots(const GpuInfo& gpu) {
  return static_cast<int>(std::clamp<std::int64_t>(gpu.free_mib / kGpuMemoryPerRunMib, 1, kMaxSlotsPerGpu));
}

std::vector<WorkerSlot> plan_worker_slots(const ComputeRequest& request, int cpu_cores, const std::vector<GpuInfo>& gpus) {
  cpu_cores = std::max(1, cpu_cores);
  std::vector<GpuInfo> used;
  if (request.uses_gpu) {
    for (const auto& gpu : gpus)
      if (!request.gpu || gpu.index == *request.gpu) used.push_back(gpu);
    if (request.gpu && used.empty())
      throw core::InputError(fmt::format("train.device cuda:{}: this machine has {} GPU(s) (nvidia-smi)", *request.gpu,
                                         gpus.size()));
  }

  std::vector<WorkerSlot> slots;
  if (used.empty()) {
    const int jobs = std::max(1, request.jobs.value_or(cpu_cores));
    const int threads = request.threads.value_or(std::max(1, cpu_cores / jobs));
    slots.assign(static_cast<std::size_t>(jobs), WorkerSlot{threads, std::nullopt});
    return slots;
  }

  // Slots per GPU, then workers dealt round-robin: worker 0 -> GPU a, worker 1 -> GPU b, ... so that fewer
  // jobs than slots still spread over all GPUs.
  std::vector<int> capacity;
  int total_slots = 0;
  for (const auto& gpu : used) {
    capacity.push_back(request.slots.value_or(auto_slots(gpu)));
    total_slots += capacity.back();
  }
  const int jobs = std::max(1, request.jobs.value_or(total_slots));
  const int threads = request.threads.value_or(std::max(1, cpu_cores / jobs));
  std::vector<int> assigned(used.size(), 0);
  for (int worker = 0; static_cast<int>(slots.size()) < jobs; ++worker) {
    const std::size_t g = static_cast<std::size_t>(worker) % used.size();
    // More jobs than slots: the extra workers still share the GPUs, in the same round-robin order.
    if (assigned[g] >= capacity[g] && static_cast<int>(slots.size()) < total_slots) continue;
    ++assigned[g];
    slots.push_back(WorkerSlot{threads, used[g].index});
  }
  return slots;
}

std::vector<GpuInfo> parse_nvidia_smi(const std::string& text) {
  std::vector<GpuInfo> gpus;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    GpuInfo gpu;
    char comma1 = 0, comma2 = 0;
    std::istringstream fields(line);
    if (fields >> gpu.index >> comma1 >> gpu.free_mib >> comma2 >> gpu.total_mib && comma1 == ',' && comma2 == ',')
      gpus.push_back(gpu);
  }
  return gpus;
}

std::vector<GpuInfo> query_gpus() {
  FILE* pipe = ::popen("nvidia-smi --query-gpu=index,memory.free,memory.total --format=csv,noheader,nounits 2>/dev/null",
                       "r");
  if (!pipe) return {};
  std::string text;
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) text += buffer.data();
  if (::pclose(pipe) != 0) return {};
  return parse_nvidia_smi(text);
}

RecipeThreads recipe_threads(const Plan& plan) {
  RecipeThreads threads;
  threads.some_auto = false;
  for (const auto& planned : plan.runs) {
    if (!planned.to_do) continue;
    const auto& config = planned.spec.config;
    const bool pinned = config.contains("train") && config["train"].contains("threads") &&
                        config["train"]["threads"].is_number_integer();
    if (pinned) {
      threads.pinned.insert(config["train"]["threads"].get<int>());
    } else {
      threads.some_auto = true;  // "auto" (the schema's default)
    }
  }
  if (threads.pinned.empty()) threads.some_auto = true;
  return threads;
}

namespace {

std::string threads_word(int n) { return n == 1 ? "thread" : "threads"; }

// "1 or 4" for the distinct pinned counts.
std::string counts_text(const std::set<int>& counts) {
  std::string text;
  std::size_t i = 0;
  for (int n : counts) {
    if (i > 0) text += i + 1 == counts.size() ? " or " : ", ";
    text += std::to_string(n);
    ++i;
  }
  return text;
}

}  // namespace

std::string describe_slots(const std::vector<WorkerSlot>& slots, const RecipeThreads& recipe) {
  if (slots.empty()) return "no workers";
  const int threads = slots.front().threads;
  std::map<int, int> per_gpu;
  for (const auto& slot : slots)
    if (slot.gpu) ++per_gpu[*slot.gpu];
  const auto workers = fmt::format("{} worker{}", slots.size(), slots.size() == 1 ? "" : "s");
  std::string thread_text = fmt::format("{} {} each", threads, threads_word(threads));
  if (!recipe.pinned.empty() && !recipe.some_auto) {
    const int last = *recipe.pinned.rbegin();
    thread_text = fmt::format("{} {} each (train.threads from the recipe)", counts_text(recipe.pinned),
                              threads_word(recipe.pinned.size() == 1 ? last : 2));
  } else if (!recipe.pinned.empty()) {
    thread_text += fmt::format(", {} for runs whose recipe sets train.threads", counts_text(recipe.pinned));
  }
  if (per_gpu.empty()) return fmt::format("{} on the CPU, {}", workers, thread_text);
  std::string gpus;
  for (const auto& [gpu, count] : per_gpu) gpus += fmt::format("{}{}x GPU {}", gpus.empty() ? "" : ", ", count, gpu);
  return fmt::format("{} ({}), {}", workers, gpus, thread_text);
}

}  // namespace jetstudy::sched
