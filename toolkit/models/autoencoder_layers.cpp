#include "toolkit/models/autoencoder_layers.h"

#include "toolkit/core/error.h"

namespace jetstudy::models {

void push_dense_encoder(torch::nn::Sequential& layers, std::int64_t width_in, const std::vector<std::int64_t>& dense,
                        std::int64_t latent) {
  for (const auto units : dense) {
    layers->push_back(torch::nn::Linear(width_in, units));
    layers->push_back(torch::nn::ReLU());
    width_in = units;
  }
  layers->push_back(torch::nn::Linear(width_in, latent));  // linear bottleneck
}

std::int64_t push_dense_decoder(torch::nn::Sequential& layers, std::int64_t latent,
                                const std::vector<std::int64_t>& dense) {
  std::int64_t width_in = latent;
  for (auto units = dense.rbegin(); units != dense.rend(); ++units) {
    layers->push_back(torch::nn::Linear(width_in, *units));
    layers->push_back(torch::nn::ReLU());
    width_in = *units;
  }
  return width_in;
}

void push_output_activation(torch::nn::Sequential& layers, const std::string& output, const std::string& arch) {
  if (output == "relu") return layers->push_back(torch::nn::ReLU());
  if (output == "softplus") return layers->push_back(torch::nn::Softplus());
  if (output == "linear") return;
  throw core::InputError(arch + ": model.output must be one of relu, softplus, linear, got '" + output + "'");
}

void keep_relu_output_alive(const torch::Tensor& last_bias, const std::string& output) {
  torch::NoGradGuard no_grad;
  if (output == "relu") torch::nn::init::constant_(last_bias, 0.1);
}

}  // namespace jetstudy::models
