#include "toolkit/models/two_stream.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/models/network_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::ConvStreamOptions;
using models::InputSpec;
using models::NetworkInput;
using models::TwoStreamImpl;
using models::TwoStreamOptions;

namespace {

InputSpec jet_and_event(std::int64_t jet_size, std::int64_t event_channels, std::int64_t event_size) {
  InputSpec spec;
  spec.channels = 1;
  spec.height = spec.width = jet_size;
  spec.event_channels = event_channels;
  spec.event_height = spec.event_width = event_size;
  return spec;
}

TwoStreamOptions small_options() {
  return TwoStreamOptions{}
      .jet(ConvStreamOptions{}.filters({4, 8}).kernel(3).pool(2))
      .event(ConvStreamOptions{}.filters({4}).kernel(5).pool(2))
      .dense({16});
}

}  // namespace

TEST_CASE("two_stream: the streams' flattened outputs meet in the dense layers, 845 parameters counted by hand") {
  // jet 1x8x8: conv 1->4 3x3 (40) -> pool -> 4x4x4 = 64; event 1x8x8: conv 1->2 3x3 (20) -> pool -> 2x4x4 = 32;
  // dense (64 + 32)->8: 776; 8->1: 9.
  const auto options = TwoStreamOptions{}
                           .jet(ConvStreamOptions{}.filters({4}).kernel(3).pool(2))
                           .event(ConvStreamOptions{}.filters({2}).kernel(3).pool(2))
                           .dense({8});
  TwoStreamImpl network(options, jet_and_event(8, 1, 8));
  CHECK(models::count_parameters(network) == 40 + 20 + 776 + 9);
}

TEST_CASE("two_stream: a dataset without event images is an input error that says to add images.event") {
  REQUIRE_THROWS_AS(TwoStreamImpl(small_options(), jet_and_event(16, 0, 0)), core::InputError);
  REQUIRE_THROWS_WITH(TwoStreamImpl(small_options(), jet_and_event(16, 0, 0)),
                      Catch::Matchers::StartsWith("two_stream: the dataset has no event images (event image shape "
                                                  "0x0x0); add `images.event` to the recipe"));
}

TEST_CASE("two_stream: an event image too small for its stream fails with the stream and shapes named") {
  const auto options = small_options().event(ConvStreamOptions{}.filters({4, 4, 4}).kernel(3).pool(2));
  REQUIRE_THROWS_WITH(TwoStreamImpl(options, jet_and_event(16, 2, 4)),
                      Catch::Matchers::StartsWith("two_stream: the event image (2x4x4) does not fit the event stream: "
                                                  "after conv layer 3 (kernel 3, then max-pool 2) it would be 0x0"));
}

TEST_CASE("two_stream: learns from the event image alone, trains with a falling loss and reloads identically") {
  // The jet images are the same noise for both classes; only the event image (a second hot region) tells them apart.
  torch::manual_seed(5);
  const auto jets = 0.1 * torch::rand({8, 1, 16, 16});
  auto events = 0.1 * torch::rand({8, 2, 20, 20});
  const auto labels = torch::tensor({1, 0, 0, 1, 1, 0, 1, 0}, torch::kFloat32);
  for (int i = 0; i < 8; ++i)
    if (labels[i].item<float>() > 0.5) events.index({i, 1, torch::indexing::Slice(12, 18)}) += 1.0;
  const NetworkInput input{jets, events, {}};

  TwoStreamImpl network(small_options(), jet_and_event(16, 2, 20));
  const auto bce = [&](const torch::Tensor& logits) {
    return torch::binary_cross_entropy_with_logits(logits, labels);
  };
  const auto [before, after] = testing::loss_before_and_after_steps(network, input, bce, 30, 3e-3);
  CHECK(after < 0.7 * before);

  // The event stream matters: the same jets with other event images score differently.
  {
    torch::NoGradGuard no_grad;
    network.eval();
    const auto swapped = network.forward(NetworkInput{jets, events.flip({0}), {}});
    CHECK(!torch::allclose(swapped, network.forward(input)));
  }

  torch::manual_seed(17);
  TwoStreamImpl fresh(small_options(), jet_and_event(16, 2, 20));
  CHECK(testing::reloads_to_identical_outputs(network, fresh, input));
}

TEST_CASE("two_stream: built by name with nested stream defaults and the description names both streams") {
  auto model = models::two_stream_options_schema().validate(
      YAML::Load("{event: {filters: [8], kernel: 5}, dense: [32, 16], dropout: 0.25}"), "m.yaml");
  model["arch"] = "two_stream";
  const auto network = models::make_architecture(model, jet_and_event(16, 2, 20));
  CHECK(network->description() ==
        "two-stream CNN: jet stream on 1x16x16 (filters [16, 32] kernel 3 pool 2), event stream on 2x20x20 "
        "(filters [8] kernel 5 pool 2), dense [32, 16], dropout 0.25");
}
