#include "toolkit/models/locally_connected.h"

#include <catch2/catch.hpp>

#include "toolkit/core/error.h"

using namespace jetstudy;
using models::LocallyConnected2d;
using models::LocallyConnected2dOptions;

namespace {

// The definition, one output number at a time: out[n, o, i, j] = bias[l, o] + sum over (c, a, b) of
// weight[l, o, (c * kh + a) * kw + b] * padded_input[n, c, i * stride + a, j * stride + b], with l = i * out_w + j.
torch::Tensor direct_loop(const torch::Tensor& input, models::LocallyConnected2dImpl& layer) {
  const auto& o = layer.options();
  const std::int64_t kh = (*o.kernel_size())[0], kw = (*o.kernel_size())[1];
  const std::int64_t sh = (*o.stride())[0], sw = (*o.stride())[1];
  const std::int64_t ph = (*o.padding())[0], pw = (*o.padding())[1];
  const auto padded = torch::constant_pad_nd(input, {pw, pw, ph, ph});
  auto output = torch::zeros({input.size(0), o.out_channels(), layer.out_height(), layer.out_width()},
                             torch::kFloat64);
  for (std::int64_t n = 0; n < input.size(0); ++n)
    for (std::int64_t out = 0; out < o.out_channels(); ++out)
      for (std::int64_t i = 0; i < layer.out_height(); ++i)
        for (std::int64_t j = 0; j < layer.out_width(); ++j) {
          const std::int64_t location = i * layer.out_width() + j;
          double sum = layer.bias.defined() ? layer.bias[location][out].item<double>() : 0.0;
          for (std::int64_t c = 0; c < o.in_channels(); ++c)
            for (std::int64_t a = 0; a < kh; ++a)
              for (std::int64_t b = 0; b < kw; ++b)
                sum += layer.weight[location][out][(c * kh + a) * kw + b].item<double>() *
                       padded[n][c][i * sh + a][j * sw + b].item<double>();
          output[n][out][i][j] = sum;
        }
  return output;
}

std::int64_t distinct_values(const torch::Tensor& values) {
  return std::get<0>(torch::_unique(values.flatten())).numel();
}

}  // namespace

TEST_CASE("locally_connected: unfold + batched matmul equals the direct loop over locations and patches") {
  torch::manual_seed(3);
  LocallyConnected2d layer(LocallyConnected2dOptions(2, 3, 2, 3, 4));  // 2x3x4 -> 3x2x3 with a 2x2 kernel
  const auto input = torch::randn({2, 2, 3, 4});
  const auto fast = layer->forward(input);
  REQUIRE(fast.sizes() == torch::IntArrayRef({2, 3, 2, 3}));
  CHECK(torch::allclose(fast.to(torch::kFloat64), direct_loop(input, *layer), 1e-5, 1e-6));
}

TEST_CASE("locally_connected: stride, padding, a rectangular kernel and no bias also match the direct loop") {
  torch::manual_seed(4);
  LocallyConnected2d layer(LocallyConnected2dOptions(1, 2, {3, 2}, 5, 5).stride(2).padding(1).bias(false));
  // padded 7x7; rows (7 - 3) / 2 + 1 = 3, columns (7 - 2) / 2 + 1 = 3.
  REQUIRE(layer->out_height() == 3);
  REQUIRE(layer->out_width() == 3);
  CHECK(layer->weight.sizes() == torch::IntArrayRef({9, 2, 6}));
  CHECK_FALSE(layer->bias.defined());
  const auto input = torch::randn({3, 1, 5, 5});
  CHECK(torch::allclose(layer->forward(input).to(torch::kFloat64), direct_loop(input, *layer), 1e-5, 1e-6));
}

TEST_CASE("locally_connected: two locations that see the same patch give different outputs (unshared weights)") {
  torch::manual_seed(5);
  LocallyConnected2d layer(LocallyConnected2dOptions(1, 1, 3, 6, 6));
  // A uniform image: every 3x3 patch is the same, so a convolution would give one number everywhere.
  const auto output = layer->forward(torch::ones({1, 1, 6, 6}));
  CHECK(output[0][0][0][0].item<float>() != output[0][0][3][3].item<float>());
  CHECK(distinct_values(output) == 16);
  // Setting every location's filter to the same numbers makes it a convolution again: one value everywhere.
  {
    torch::NoGradGuard no_grad;
    layer->weight.copy_(layer->weight[0].expand_as(layer->weight));
    layer->bias.copy_(layer->bias[0].expand_as(layer->bias));
  }
  CHECK(distinct_values(layer->forward(torch::ones({1, 1, 6, 6}))) == 1);
}

TEST_CASE("locally_connected: one filter per output location, so parameters grow with the image") {
  LocallyConnected2d layer(LocallyConnected2dOptions(8, 4, 5, 25, 25).padding(2).stride(2));
  // padded 29x29 -> 13x13 = 169 locations, each 4 x (8 x 25) weights + 4 biases.
  CHECK(layer->out_height() == 13);
  CHECK(layer->weight.sizes() == torch::IntArrayRef({169, 4, 200}));
  CHECK(layer->bias.sizes() == torch::IntArrayRef({169, 4}));
}

TEST_CASE("locally_connected: a kernel larger than the input and a wrongly shaped batch name the shapes") {
  REQUIRE_THROWS_AS(LocallyConnected2d(LocallyConnected2dOptions(1, 1, 5, 4, 4)), core::InputError);
  REQUIRE_THROWS_WITH(LocallyConnected2d(LocallyConnected2dOptions(1, 1, 5, 4, 4)),
                      "locally connected layer: a 5x5 kernel does not fit a 1x4x4 input (padding 0x0)");
  LocallyConnected2d layer(LocallyConnected2dOptions(2, 1, 3, 8, 8));
  REQUIRE_THROWS_WITH(layer->forward(torch::zeros({1, 2, 9, 8})),
                      "locally connected layer: expects [N, 2, 8, 8] inputs, got [1, 2, 9, 8]");
}
