#include "toolkit/losses/pivot.h"

#include <catch2/catch.hpp>

#include "toolkit/losses/bce.h"

using namespace jetstudy;
using losses::LossInput;
using losses::Pivot;
using losses::PivotOptions;

namespace {

PivotOptions small_pivot(double lambda, const std::string& kind = "mdn") {
  PivotOptions options;
  options.lambda = lambda;
  options.adversary = models::MassAdversaryOptions{}.kind(kind).components(3).bins(10).hidden({16, 16}).range_min(0).range_max(300);
  options.adversary_steps = 5;
  options.adversary_lr = 1e-2;
  return options;
}

// Half background, half signal; the background's logits rise with its mass.
struct ToyBatch {
  torch::Tensor mass, labels, weights, logits;
};

ToyBatch toy_batch(std::int64_t n) {
  ToyBatch batch;
  batch.mass = torch::rand({n}) * 250 + 25;
  batch.labels = (torch::arange(n) % 2).to(torch::kFloat32);
  batch.weights = torch::rand({n}) + 0.5;
  batch.logits = (batch.mass - 150) / 50 + 2 * batch.labels;
  return batch;
}

}  // namespace

TEST_CASE("pivot: the gradient on the outputs is the BCE gradient minus lambda times the adversary's NLL gradient") {
  torch::manual_seed(2);
  for (const std::string kind : {"mdn", "binned"}) {
    Pivot pivot(small_pivot(7.0, kind));
    const auto toy = toy_batch(32);
    pivot.before_step({toy.logits, toy.labels, toy.weights, {{"mass", toy.mass}}});

    const auto gradient_of = [&](const std::function<torch::Tensor(const LossInput&)>& loss) {
      auto outputs = toy.logits.clone().requires_grad_(true);
      loss({outputs, toy.labels, toy.weights, {{"mass", toy.mass}}}).backward();
      return outputs.grad();
    };
    const auto total = gradient_of([&](const LossInput& in) { return pivot(in); });
    const auto bce = gradient_of([](const LossInput& in) { return losses::BinaryCrossEntropy()(in); });
    const auto nll = gradient_of([&](const LossInput& in) { return pivot.adversary_nll(in); });
    INFO(kind);
    CHECK(torch::allclose(total, bce - 7.0 * nll, 1e-5, 1e-7));
    // the adversarial part acts on background jets only
    CHECK(nll.index({toy.labels == 1}).abs().max().item<double>() == 0.0);
    CHECK(nll.index({toy.labels == 0}).abs().max().item<double>() > 0.0);
  }
}

TEST_CASE("pivot: before_step trains the adversary on the background, lowering its NLL on the batch") {
  torch::manual_seed(4);
  Pivot pivot(small_pivot(1.0));
  const auto toy = toy_batch(256);
  const LossInput input{toy.logits, toy.labels, toy.weights, {{"mass", toy.mass}}};
  const double before = pivot.adversary_nll(input).item<double>();
  for (int step = 0; step < 20; ++step) pivot.before_step(input);
  const double after = pivot.adversary_nll(input).item<double>();
  CHECK(after < before - 0.3);
  // the adversary is the module checkpointed with the classifier
  CHECK(pivot.module() == &pivot.adversary());
  CHECK(pivot.observers() == std::vector<std::string>{"mass"});
}

TEST_CASE("pivot: training the scores against a trained adversary weakens what they tell about the mass") {
  // Background logits rise with the mass. The adversary learns p(mass | score); then alternating steps (K adversary
  // steps, one step on the free logits of the pivot loss) make the adversary's NLL gain over its start shrink.
  torch::manual_seed(6);
  auto options = small_pivot(10.0);
  Pivot pivot(options);
  const auto toy = toy_batch(256);
  const auto background = toy.labels == 0;
  auto logits = toy.logits.clone().requires_grad_(true);
  const auto input_with = [&](const torch::Tensor& outputs) {
    return LossInput{outputs, toy.labels, toy.weights, {{"mass", toy.mass}}};
  };
  for (int step = 0; step < 60; ++step) pivot.before_step(input_with(logits.detach()));
  const double informed = pivot.adversary_nll(input_with(logits.detach())).item<double>();
  // What the adversary can do with a score that says nothing: every jet given the background's mean score.
  const auto flat = torch::full_like(logits, logits.detach().index({background}).mean().item<double>());
  Pivot blind(options);
  for (int step = 0; step < 60; ++step) blind.before_step(input_with(flat));
  const double uninformed = blind.adversary_nll(input_with(flat)).item<double>();
  REQUIRE(informed < uninformed - 0.1);

  torch::optim::SGD sgd({logits}, torch::optim::SGDOptions(2.0));
  for (int step = 0; step < 80; ++step) {
    pivot.before_step(input_with(logits.detach()));
    sgd.zero_grad();
    pivot(input_with(logits)).backward();
    sgd.step();
  }
  for (int step = 0; step < 60; ++step) pivot.before_step(input_with(logits.detach()));  // the adversary catches up
  const double after = pivot.adversary_nll(input_with(logits.detach())).item<double>();
  CHECK(uninformed - after < 0.5 * (uninformed - informed));
}

TEST_CASE("pivot: a batch without the observer fails naming it") {
  Pivot pivot(small_pivot(1.0));
  REQUIRE_THROWS_WITH(pivot({torch::zeros({2}), torch::zeros({2}), {}, {}}),
                      "loss pivot needs the observer 'mass', which the data does not carry (it has: none)");
}
