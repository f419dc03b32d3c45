#include "toolkit/train/training_rate.h"

#include <chrono>

#include <torch/torch.h>

#include "toolkit/losses/bce.h"
#include "toolkit/models/builtin.h"
#include "toolkit/models/network.h"

namespace jetstudy::train {

double training_images_per_second(const nlohmann::json& model_block, const models::InputSpec& input,
                                  std::int64_t batch_size, int threads, double min_seconds) {
  torch::set_num_threads(threads);
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
  const auto start = std::chrono::steady_clock::now();
  double seconds = 0;
  while (seconds < min_seconds) {
    step();
    trained += batch_size;
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return static_cast<double>(trained) / seconds;
}

}  // namespace jetstudy::train
