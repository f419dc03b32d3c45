#include "toolkit/models/channels_last.h"

#include <catch2/catch.hpp>

#include "toolkit/models/deeptop.h"

using namespace jetstudy;

namespace {

bool reads_as_channels_last(const torch::Tensor& tensor) {
  return tensor.suggest_memory_format() == torch::MemoryFormat::ChannelsLast;
}

}  // namespace

TEST_CASE("channels_last: one-channel weights and images get channels-last strides, which contiguous() alone misses") {
  // A [8, 1, 4, 4] tensor is "channels-last contiguous" with NCHW strides too; the convolution then reads it
  // as NCHW and runs every later layer in NCHW (that cost ResNeXt 1.6x in training).
  const auto images = torch::rand({3, 1, 5, 5});
  CHECK_FALSE(reads_as_channels_last(images.contiguous(torch::MemoryFormat::ChannelsLast)));
  const auto converted = models::as_channels_last(images);
  CHECK(reads_as_channels_last(converted));
  CHECK(torch::equal(converted, images));  // values and logical shape unchanged

  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(1, 8, 4));
  models::use_channels_last(*conv);
  CHECK(reads_as_channels_last(conv->weight));
  CHECK(reads_as_channels_last(conv->forward(converted)));
}

TEST_CASE("channels_last: a DeepTop gives the same logits and gradients as its NCHW twin") {
  torch::manual_seed(3);
  models::DeepTopImpl network(models::DeepTopOptions{}.filters({4, 4}).dense({8}), models::InputSpec{2, 12, 12});
  // The NCHW twin: the same weights with plain contiguous strides, fed plain contiguous images.
  torch::manual_seed(3);
  models::DeepTopImpl twin(models::DeepTopOptions{}.filters({4, 4}).dense({8}), models::InputSpec{2, 12, 12});
  {
    torch::NoGradGuard no_grad;
    for (auto& parameter : twin.parameters()) parameter.set_data(parameter.contiguous());
  }
  const auto conv_weight = [](models::DeepTopImpl& n) { return n.parameters().front(); };
  CHECK(reads_as_channels_last(conv_weight(network)));
  CHECK_FALSE(reads_as_channels_last(conv_weight(twin)));

  const auto images = torch::rand({6, 2, 12, 12});
  const auto logits = network.forward({images});
  const auto twin_logits = twin.forward({images.contiguous()});
  CHECK(torch::allclose(logits, twin_logits, 1e-5, 1e-6));
  logits.sum().backward();
  twin_logits.sum().backward();
  CHECK(torch::allclose(conv_weight(network).grad(), conv_weight(twin).grad(), 1e-4, 1e-6));
}
