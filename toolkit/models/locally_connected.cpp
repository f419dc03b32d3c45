#include "toolkit/models/locally_connected.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::models {

LocallyConnected2dImpl::LocallyConnected2dImpl(LocallyConnected2dOptions options) : options_(std::move(options)) {
  reset();
}

void LocallyConnected2dImpl::reset() {
  const auto& o = options_;
  if (o.in_channels() < 1 || o.out_channels() < 1)
    throw core::InputError(fmt::format("locally connected layer: channels must be positive, got {} in and {} out",
                                       o.in_channels(), o.out_channels()));
  if ((*o.stride())[0] < 1 || (*o.stride())[1] < 1)
    throw core::InputError(fmt::format("locally connected layer: stride must be positive, got {}x{}",
                                       (*o.stride())[0], (*o.stride())[1]));
  const std::int64_t padded_height = o.in_height() + 2 * (*o.padding())[0];
  const std::int64_t padded_width = o.in_width() + 2 * (*o.padding())[1];
  const std::int64_t kernel_height = (*o.kernel_size())[0], kernel_width = (*o.kernel_size())[1];
  if (kernel_height < 1 || kernel_width < 1 || kernel_height > padded_height || kernel_width > padded_width)
    throw core::InputError(fmt::format(
        "locally connected layer: a {}x{} kernel does not fit a {}x{}x{} input (padding {}x{})", kernel_height,
        kernel_width, o.in_channels(), o.in_height(), o.in_width(), (*o.padding())[0], (*o.padding())[1]));
  out_height_ = (padded_height - kernel_height) / (*o.stride())[0] + 1;
  out_width_ = (padded_width - kernel_width) / (*o.stride())[1] + 1;

  // Each location's filter is initialised like a convolution's (Kaiming-uniform over its fan-in), as torch does.
  const std::int64_t locations = out_height_ * out_width_;
  const std::int64_t fan_in = o.in_channels() * kernel_height * kernel_width;
  const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
  weight = register_parameter("weight", torch::empty({locations, o.out_channels(), fan_in}).uniform_(-bound, bound));
  if (o.bias()) {
    bias = register_parameter("bias", torch::empty({locations, o.out_channels()}).uniform_(-bound, bound));
  } else {
    bias = torch::Tensor();
  }
}

torch::Tensor LocallyConnected2dImpl::forward(const torch::Tensor& input) {
  const auto& o = options_;
  if (input.dim() != 4 || input.size(1) != o.in_channels() || input.size(2) != o.in_height() ||
      input.size(3) != o.in_width())
    throw core::InputError(fmt::format("locally connected layer: expects [N, {}, {}, {}] inputs, got {}",
                                       o.in_channels(), o.in_height(), o.in_width(), fmt::format("[{}]", fmt::join(input.sizes(), ", "))));
  namespace F = torch::nn::functional;
  // patches [N, C*kh*kw, L]: column l holds the input patch that output location l sees.
  const auto patches = F::unfold(input, F::UnfoldFuncOptions(o.kernel_size()).padding(o.padding()).stride(o.stride()));
  // One matmul per location: [L, N, C*kh*kw] x [L, C*kh*kw, out] -> [L, N, out].
  auto outputs = torch::bmm(patches.permute({2, 0, 1}), weight.transpose(1, 2));
  if (bias.defined()) outputs = outputs + bias.unsqueeze(1);
  return outputs.permute({1, 2, 0}).reshape({input.size(0), o.out_channels(), out_height_, out_width_});
}

std::string LocallyConnected2dImpl::description() const {
  const auto& o = options_;
  return fmt::format("LocallyConnected2d({}->{}, kernel {}x{}, stride {}x{}, padding {}x{}, on {}x{} -> {}x{}{})",
                     o.in_channels(), o.out_channels(), (*o.kernel_size())[0], (*o.kernel_size())[1],
                     (*o.stride())[0], (*o.stride())[1], (*o.padding())[0], (*o.padding())[1], o.in_height(),
                     o.in_width(), out_height_, out_width_, o.bias() ? "" : ", no bias");
}

}  // namespace jetstudy::models
