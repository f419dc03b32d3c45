// Pieces the conv and dense autoencoders share (conv_autoencoder.h, dense_autoencoder.h): the dense stack down to
// a linear bottleneck and its mirror image back up, and the output activation of the reconstruction.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace jetstudy::models {

// Linear + ReLU for each width in `dense`, starting from `width_in`, then a linear layer to `latent`.
void push_dense_encoder(torch::nn::Sequential& layers, std::int64_t width_in, const std::vector<std::int64_t>& dense,
                        std::int64_t latent);

// The mirror: Linear + ReLU for each width in `dense`, last first, starting from `latent`; returns the last width.
std::int64_t push_dense_decoder(torch::nn::Sequential& layers, std::int64_t latent,
                                const std::vector<std::int64_t>& dense);

// `relu`, `softplus` or `linear` (nothing) after the last layer; anything else is a core::InputError naming `arch`.
void push_output_activation(torch::nn::Sequential& layers, const std::string& output, const std::string& arch);

// A ReLU output starts alive: a small positive bias on the last layer keeps a fresh network from putting whole
// images below zero, where no gradient passes the ReLU. Does nothing for the other outputs.
void keep_relu_output_alive(const torch::Tensor& last_bias, const std::string& output);

}  // namespace jetstudy::models
