// How many images per second training consumes: forward, backward and an Adam step with binary cross-entropy,
// either on one batch of random images (the peer of the loader benchmark: the loader must deliver faster than
// this) or on a dataset cache's training split in shuffled mini-batches that data::Loader streams from the file,
// as training does, data loading included (`jetstudy bench train`, measured against the same network in PyTorch
// by bench/peers/train_torch.py).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "toolkit/models/input_spec.h"

namespace jetstudy::train {

// Builds the architecture of the validated `model` block, trains it on CPU with `threads` LibTorch threads for
// at least `min_seconds` (after one warm-up step) on one fixed batch of random images, and returns images per
// second.
double training_images_per_second(const nlohmann::json& model, const models::InputSpec& input,
                                  std::int64_t batch_size, int threads, double min_seconds = 1.0);

struct TrainingRateOptions {
  std::int64_t batch_size = 128;
  int warmup_steps = 3;  // trained but not timed (first-call allocations, cuDNN/oneDNN kernel choice)
  int steps = 30;        // timed steps
  int threads = 1;       // LibTorch intra-op threads
  std::string device = "cpu";  // "cpu", "cuda" or "cuda:N" (train::resolve_device)
  std::uint64_t seed = 1;      // initialisation and batch order
};

struct TrainingRate {
  double images_per_second = 0;  // images / seconds
  std::int64_t images = 0;       // trained in the timed steps
  double seconds = 0;            // wall clock of the timed steps, data loading included
  double loading_seconds = 0;    // the part of `seconds` spent waiting for the loader's batches and moving them
  double cpu_seconds = 0;        // CPU time of the whole process in the timed steps (all threads; spinning too)
  std::int64_t parameters = 0;   // trainable parameters of the network
  std::string network;           // the network's description()
  std::string device;            // where it trained ("cpu", "cuda:0")
  double first_loss = 0;         // loss of the first warm-up step and of the last timed step: training moved
  double last_loss = 0;
};

// Trains the architecture of the validated `model` block on the training split of the dataset cache file
// `cache_file` (its images and labels) with Adam (lr 1e-3) and binary cross-entropy for options.warmup_steps +
// options.steps full mini-batches. The batches come from data::Loader (prefetch thread, chunk-wise shuffle by
// options.seed, an epoch's short last batch left out), each moved to the device, as training reads them. Only
// the last options.steps are timed. Throws core::InputError when the split has fewer jets than one batch, the
// file is not a dataset cache, or the device is not available.
TrainingRate measure_training_rate(const nlohmann::json& model, const std::filesystem::path& cache_file,
                                   const TrainingRateOptions& options);

}  // namespace jetstudy::train
