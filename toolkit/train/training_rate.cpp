#include "toolkit/train/training_rate.h"

#include <fmt/format.h>
#include <torch/cuda.h>
#include <torch/torch.h>

#include <time.h>

#include <chrono>

#include "toolkit/core/error.h"
#include "toolkit/data/loader.h"
#include "toolkit/losses/bce.h"
#include "toolkit/models/builtin.h"
#include "toolkit/models/network.h"
#include "toolkit/train/batch_stream.h"
#include "toolkit/train/device.h"
#include "toolkit/train/examples.h"

namespace jetstudy::train {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU time this process has used so far, all threads, in seconds.
double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

// Waits for the device's queued work, so that a clock read afterwards includes it (no-op on the CPU).
void wait_for(const torch::Device& device) {
  if (device.is_cuda()) torch::cuda::synchronize(device.index());
}

}  // namespace

double training_images_per_second(const nlohmann::json& model_block, const models::InputSpec& input,
                                  std::int64_t batch_size, int threads, double min_seconds) {
  set_compute_threads(threads);
  torch::manual_seed(1);
  const auto network = models::make_architecture(model_block, input);
  auto& model = *network;
  const auto images = torch::rand({batch_size, input.channels, input.height, input.width});
  const auto labels = torch::randint(0, 2, {batch_size}).to(torch::kFloat32);
  torch::optim::Adam adam(model.parameters(), torch::optim::AdamOptions(1e-3));
  const losses::BinaryCrossEntropy bce;
  model.train();
  const auto step = [&] {
    adam.zero_grad();
    bce({model.forward(models::NetworkInput{images, {}, {}}), labels, {}, {}}).backward();
    adam.step();
  };
  step();  // warm-up: first-call allocations are not training
  std::int64_t trained = 0;
  const auto start = Clock::now();
  double seconds = 0;
  while (seconds < min_seconds) {
    step();
    trained += batch_size;
    seconds = seconds_since(start);
  }
  return static_cast<double>(trained) / seconds;
}

TrainingRate measure_training_rate(const nlohmann::json& model_block, const std::filesystem::path& cache_file,
                                   const TrainingRateOptions& options) {
  if (options.batch_size < 1 || options.steps < 1 || options.warmup_steps < 0 || options.threads < 1)
    throw core::InputError(fmt::format("bench train: batch ({}), steps ({}) and threads ({}) must be positive and "
                                       "warm-up steps ({}) not negative",
                                       options.batch_size, options.steps, options.threads, options.warmup_steps));
  const torch::Device device = resolve_device(options.device);
  data::LoaderOptions loading;
  loading.batch_size = options.batch_size;
  loading.seed = options.seed;
  loading.drop_last = true;  // full mini-batches only, as the peer trains
  data::Loader loader(cache_file, "train", loading);
  if (loader.size() < options.batch_size)
    throw core::InputError(fmt::format("bench train: the training split has {} jets, fewer than one batch of {}; use a "
                                       "smaller batch or more jets",
                                       loader.size(), options.batch_size));
  set_compute_threads(options.threads);
  torch::manual_seed(options.seed);

  const auto& shape = loader.shape();
  models::InputSpec input;
  input.channels = shape.channels;
  input.height = shape.height;
  input.width = shape.width;
  const auto network = models::make_architecture(model_block, input);
  network->to(device);
  network->train();
  torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(1e-3));
  const losses::BinaryCrossEntropy bce;

  TrainingRate rate;
  rate.parameters = models::count_parameters(*network);
  rate.network = network->description();
  rate.device = describe_device(device);

  // Images and labels only, as the peer reads them: no per-jet weights, no observers (BCE here needs neither).
  const auto next_batch = [&] {
    auto batch = loader.next();
    if (!batch) batch = loader.next();  // an epoch ended: the next one begins
    JETSTUDY_CHECK(batch.has_value(), "a loader with at least one full batch delivers one each epoch");
    Examples examples = data_batch_examples(std::move(*batch), shape, {}, device);
    examples.weights = torch::Tensor();
    examples.observers.clear();
    return examples;
  };
  const int total_steps = options.warmup_steps + options.steps;
  Clock::time_point start;
  double cpu_start = 0;
  torch::Tensor loss;
  for (int step = 0; step < total_steps; ++step) {
    if (step == options.warmup_steps) {
      wait_for(device);
      start = Clock::now();
      cpu_start = process_cpu_seconds();
    }
    const bool timed = step >= options.warmup_steps;
    const auto loading_started = Clock::now();
    const Examples batch = next_batch();
    if (timed) rate.loading_seconds += seconds_since(loading_started);

    adam.zero_grad();
    loss = bce(batch.loss_input(network->forward(batch.network_input())));
    loss.backward();
    adam.step();
    if (step == 0) rate.first_loss = loss.item<double>();
  }
  wait_for(device);
  rate.seconds = seconds_since(start);
  rate.cpu_seconds = process_cpu_seconds() - cpu_start;
  rate.last_loss = loss.item<double>();
  rate.images = static_cast<std::int64_t>(options.steps) * options.batch_size;
  rate.images_per_second = static_cast<double>(rate.images) / rate.seconds;
  return rate;
}

}  // namespace jetstudy::train
