#include "toolkit/metrics/network_probes.h"

#include <catch2/catch.hpp>

#include "toolkit/core/error.h"

using namespace jetstudy;
using namespace jetstudy::metrics;

namespace {

// A tiny hand-built network: a jet stream whose first layer is a 2-filter 2x2 convolution inside a Sequential
// (module name "stem.0"), and an event stream that reads the phi column 0 of the event image (or, phi-blind, the
// whole image). Output: one value per jet.
class TinyNetworkImpl : public models::NetworkImpl {
 public:
  explicit TinyNetworkImpl(bool phi_blind) : phi_blind_(phi_blind) {
    stem_ = register_module("stem", torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 2, 2))));
    event_ = register_module("event", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 1, 1).bias(false)));
    torch::NoGradGuard no_grad;
    auto& conv = *stem_[0]->as<torch::nn::Conv2d>();
    conv.weight.copy_(torch::tensor({1.f, 0.f, 0.f, 0.f, 1.f, 1.f, 1.f, 1.f}).reshape({2, 1, 2, 2}));
    conv.bias.copy_(torch::tensor({5.f, 7.f}));
    event_->weight.fill_(1);
  }
  torch::Tensor forward(const models::NetworkInput& input) override {
    const auto events = event_->forward(input.event_images);                  // [N, 1, H', W'], identity
    if (phi_blind_) return events.sum({1, 2, 3});
    return events.select(3, 0).sum({1, 2});                                     // column phi = 0
  }
  std::string description() const override { return "tiny probe network"; }

 private:
  bool phi_blind_;
  torch::nn::Sequential stem_{nullptr};
  torch::nn::Conv2d event_{nullptr};
};
TORCH_MODULE(TinyNetwork);

// Two jets' 1x2x4 event images: rows (1, 2, 3, 4) and (10, 0, 0, 0) along phi.
models::NetworkInput event_input() {
  auto events = torch::tensor({1.f, 2.f, 3.f, 4.f, 1.f, 2.f, 3.f, 4.f, 10.f, 0.f, 0.f, 0.f, 10.f, 0.f, 0.f, 0.f})
                    .reshape({2, 1, 2, 4});
  return {torch::zeros({2, 1, 3, 3}), events, torch::Tensor()};
}

}  // namespace

TEST_CASE("network probes: the first-layer filters are the first Conv2d in module order, with its name") {
  TinyNetwork network(false);
  std::string name;
  const auto filters = first_layer_filters(*network, &name);
  REQUIRE(name == "stem.0");
  REQUIRE(filters.shape == std::vector<std::int64_t>{2, 1, 2, 2});
  REQUIRE(filters.values == std::vector<float>{1, 0, 0, 0, 1, 1, 1, 1});
  REQUIRE_THROWS_WITH(first_layer_filters(*torch::nn::Linear(3, 1)),
                      Catch::Matchers::Contains("has no Conv2d layer"));
}

TEST_CASE("network probes: the difference image convolved with each filter, without the bias") {
  TinyNetwork network(false);
  // Difference image 1x3x3 = 1..9. Filter 0 picks the top-left pixel, filter 1 sums each 2x2 window.
  const std::vector<double> difference{1, 2, 3, 4, 5, 6, 7, 8, 9};
  const auto response = convolved_difference(*network, difference, {1, 3, 3});
  REQUIRE(response.shape == std::vector<std::int64_t>{2, 2, 2});
  REQUIRE(response.values == std::vector<float>{1, 2, 4, 5, 12, 16, 24, 28});
  REQUIRE_THROWS_WITH(convolved_difference(*network, std::vector<double>(18, 0), {2, 3, 3}),
                      Catch::Matchers::Contains("the first Conv2d 'stem.0' takes 1 channels; the image has 2"));
  REQUIRE_THROWS_WITH(convolved_difference(*network, {1.0}, {1, 1, 1}), Catch::Matchers::Contains("cannot convolve"));
}

TEST_CASE("network probes: rolling the event image in phi moves a phi-sensitive output, not a phi-blind one") {
  TinyNetwork sensitive(false);
  sensitive->train();
  // Column 0 after a roll by s holds the old column (-s mod 4); two rows per jet, mean over the two jets.
  const auto means = output_versus_phi_shift(*sensitive, event_input(), {0, 1, 2, -1, 4});
  REQUIRE(means == std::vector<double>{(2 + 20) / 2.0, (8 + 0) / 2.0, (6 + 0) / 2.0, (4 + 0) / 2.0, 11.0});
  REQUIRE(sensitive->is_training());  // the training mode comes back

  TinyNetwork blind(true);
  REQUIRE(output_versus_phi_shift(*blind, event_input(), {0, 1, 3}) == std::vector<double>{20, 20, 20});
}

TEST_CASE("network probes: the phi-shift test needs event images") {
  TinyNetwork network(false);
  auto input = event_input();
  input.event_images = torch::Tensor();
  REQUIRE_THROWS_WITH(output_versus_phi_shift(*network, input, {0}),
                      Catch::Matchers::Contains("rolls the event images, and this input has none"));
}
