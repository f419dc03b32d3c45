// A 2-D locally connected layer: a convolution whose weights are NOT shared between output locations, so each
// pixel of the output has its own filter. Jet images are not translation invariant (the leading subjet sits at the
// centre after preprocessing), which is why the location-aware GAN uses it (de Oliveira, Paganini, Nachman,
// arXiv:1701.05927; Keras' LocallyConnected2D). Computed as unfold (im2col) plus one batched matmul.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>

namespace jetstudy::models {

struct LocallyConnected2dOptions {
  // The input's spatial size is part of the layer: there is one filter per output location.
  LocallyConnected2dOptions(std::int64_t in_channels, std::int64_t out_channels, torch::ExpandingArray<2> kernel_size,
                            std::int64_t in_height, std::int64_t in_width)
      : in_channels_(in_channels),
        out_channels_(out_channels),
        kernel_size_(kernel_size),
        in_height_(in_height),
        in_width_(in_width) {}

  TORCH_ARG(std::int64_t, in_channels);
  TORCH_ARG(std::int64_t, out_channels);
  TORCH_ARG(torch::ExpandingArray<2>, kernel_size);
  TORCH_ARG(std::int64_t, in_height);  // before padding
  TORCH_ARG(std::int64_t, in_width);
  TORCH_ARG(torch::ExpandingArray<2>, stride) = 1;
  TORCH_ARG(torch::ExpandingArray<2>, padding) = 0;  // zeros on each side (Keras: ZeroPadding2D before the layer)
  TORCH_ARG(bool, bias) = true;
};

class LocallyConnected2dImpl : public torch::nn::Cloneable<LocallyConnected2dImpl> {
 public:
  // Throws core::InputError when the kernel does not fit the (padded) input, naming the sizes.
  explicit LocallyConnected2dImpl(LocallyConnected2dOptions options);
  void reset() override;

  // [N, in_channels, in_height, in_width] -> [N, out_channels, out_height, out_width]. Another input shape throws
  // core::InputError naming both shapes.
  torch::Tensor forward(const torch::Tensor& input);

  std::int64_t out_height() const { return out_height_; }
  std::int64_t out_width() const { return out_width_; }
  const LocallyConnected2dOptions& options() const { return options_; }
  std::string description() const;

  // [out_height * out_width, out_channels, in_channels * kernel_h * kernel_w]: location l = row * out_width + col;
  // the last index runs over (channel, kernel row, kernel column), the order of torch's unfold.
  torch::Tensor weight;
  torch::Tensor bias;  // [out_height * out_width, out_channels], undefined without bias

 private:
  LocallyConnected2dOptions options_;
  std::int64_t out_height_ = 0;
  std::int64_t out_width_ = 0;
};
TORCH_MODULE(LocallyConnected2d);

}  // namespace jetstudy::models
