#include "toolkit/losses/gan_loss.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace jetstudy;
using losses::GanBatch;
using losses::GanLossOptions;

namespace {

// BCE of one logit x against target t: -t log s(x) - (1 - t) log(1 - s(x)) = softplus(x) - t x.
double bce(double x, double t) { return std::log1p(std::exp(x)) - t * x; }

GanBatch hand_batch() {
  GanBatch batch;
  batch.real_logits = torch::tensor({0.0, 2.0}, torch::kFloat64);
  batch.fake_logits = torch::tensor({-1.0}, torch::kFloat64);
  batch.real_class_logits = torch::tensor({1.0, -1.0}, torch::kFloat64);        // two classes: one sigmoid
  batch.real_classes = torch::tensor({1.0, 0.0}, torch::kFloat64);
  batch.fake_class_logits = torch::tensor({{0.0, 0.0, 0.0}}, torch::kFloat64);  // K = 3: a softmax
  batch.fake_classes = torch::tensor({2.0}, torch::kFloat64);
  return batch;
}

}  // namespace

TEST_CASE("gan: discriminator loss = real/fake BCE with a smoothed real target + aux_weight * class losses") {
  GanLossOptions options;
  options.aux_weight = 0.5;
  options.label_smoothing = 0.1;
  const double real = (bce(0, 0.9) + bce(2, 0.9)) / 2, fake = bce(-1, 0);
  const double real_classes = (bce(1, 1) + bce(-1, 0)) / 2, fake_classes = std::log(3.0);
  CHECK(losses::discriminator_loss(hand_batch(), options).item<double>() ==
        Approx(real + fake + 0.5 * (real_classes + fake_classes)).epsilon(1e-12));
}

TEST_CASE("gan: the generator's loss is the non-saturating -log D(G(z)) plus its class loss") {
  GanLossOptions options;
  options.aux_weight = 2.0;
  options.label_smoothing = 0.3;  // smoothing is the discriminator's, not the generator's
  CHECK(losses::generator_loss(hand_batch(), options).item<double>() ==
        Approx(bce(-1, 1) + 2.0 * std::log(3.0)).epsilon(1e-12));
  // without class logits only the adversarial term is left
  GanBatch plain = hand_batch();
  plain.fake_class_logits = torch::Tensor();
  CHECK(losses::generator_loss(plain, options).item<double>() == Approx(bce(-1, 1)).epsilon(1e-12));
}

TEST_CASE("gan: label flips swap real and fake targets with the given probability, reproducibly per generator") {
  GanLossOptions options;
  options.aux_weight = 0;
  options.label_flip = 0.999999;  // (practically) always: real images get the fake target and vice versa
  options.label_smoothing = 0.2;
  const double swapped = (bce(0, 0) + bce(2, 0)) / 2 + bce(-1, 0.8);
  CHECK(losses::discriminator_loss(hand_batch(), options).item<double>() == Approx(swapped).epsilon(1e-9));

  // Confident real images (logit 10) cost ~0 unless flipped (then ~10): the mean counts the flips.
  GanBatch confident;
  confident.real_logits = torch::full({20000}, 10.0, torch::kFloat64);
  confident.fake_logits = torch::full({1}, -30.0, torch::kFloat64);
  options.label_flip = 0.05;
  options.label_smoothing = 0;
  auto generator = at::detail::createCPUGenerator(17);
  const double first = losses::discriminator_loss(confident, options, generator).item<double>();
  CHECK(first / 10 == Approx(0.05).margin(0.006));
  auto same_seed = at::detail::createCPUGenerator(17);
  CHECK(losses::discriminator_loss(confident, options, same_seed).item<double>() == first);
}

TEST_CASE("gan: as a Loss it is the weighted real/fake BCE and keeps its options, bad options are input errors") {
  GanLossOptions options;
  options.label_flip = 0.05;
  const losses::GanLoss loss(options);
  CHECK(loss.options().label_flip == 0.05);
  const auto outputs = torch::tensor({0.0, 2.0}, torch::kFloat64);
  const auto targets = torch::tensor({1.0, 0.0}, torch::kFloat64);
  CHECK(loss({outputs, targets, torch::tensor({3.0, 1.0}, torch::kFloat64), {}}).item<double>() ==
        Approx((3 * bce(0, 1) + bce(2, 0)) / 4).epsilon(1e-12));
  options.label_flip = 1.0;
  REQUIRE_THROWS_WITH(losses::GanLoss(options), "loss gan: label_flip is a probability in [0, 1), got 1");
}
