#include "toolkit/losses/disco.h"

#include <catch2/catch.hpp>

#include "toolkit/losses/bce.h"
#include "toolkit/losses/distance_correlation.h"

using namespace jetstudy;
using losses::Disco;
using losses::DiscoOptions;
using losses::LossInput;

namespace {

DiscoOptions with_lambda(double lambda, int power = 1) {
  DiscoOptions options;
  options.lambda = lambda;
  options.power = power;
  return options;
}

}  // namespace

TEST_CASE("disco: BCE over the batch plus lambda times dCorr over the background jets only") {
  const auto outputs = torch::tensor({-1.0, 0.5, 2.0, -0.3, 1.5, 0.1}, torch::kFloat64);
  const auto labels = torch::tensor({0.0, 0.0, 1.0, 0.0, 1.0, 0.0}, torch::kFloat64);
  const auto weights = torch::tensor({1.0, 2.0, 1.0, 0.5, 1.0, 1.5}, torch::kFloat64);
  const auto mass = torch::tensor({40.0, 90.0, 170.0, 60.0, 175.0, 80.0}, torch::kFloat64);
  const LossInput input{outputs, labels, weights, {{"mass", mass}}};

  const auto background = torch::tensor({0, 1, 3, 5});
  const double dcorr = losses::distance_correlation(torch::sigmoid(outputs.index({background})), mass.index({background}),
                                                    weights.index({background}), 2)
                           .item<double>();
  const double bce = losses::BinaryCrossEntropy()(input).item<double>();
  REQUIRE(dcorr > 0.1);
  CHECK(Disco(with_lambda(10, 2))(input).item<double>() == Approx(bce + 10 * dcorr).epsilon(1e-12));
  CHECK(Disco(with_lambda(10, 2)).decorrelation(input).item<double>() == Approx(dcorr).epsilon(1e-12));

  // the signal jets' masses play no part in the term
  LossInput moved = input;
  moved.observers["mass"] = mass + torch::tensor({0.0, 0.0, -100.0, 0.0, 300.0, 0.0}, torch::kFloat64);
  CHECK(Disco(with_lambda(10, 2))(moved).item<double>() == Approx(bce + 10 * dcorr).epsilon(1e-12));
}

TEST_CASE("disco: with fewer than two background jets the term is 0 and the loss is the BCE") {
  const auto outputs = torch::tensor({0.3f, 1.0f, -2.0f});
  const auto labels = torch::tensor({1.0f, 0.0f, 1.0f});
  const LossInput input{outputs, labels, {}, {{"mass", torch::tensor({80.0f, 30.0f, 170.0f})}}};
  CHECK(Disco(with_lambda(100))(input).item<double>() ==
        Approx(losses::BinaryCrossEntropy()(input).item<double>()).epsilon(1e-7));
}

TEST_CASE("disco: names its observer, and a batch without it fails naming it and what there is") {
  DiscoOptions options = with_lambda(1);
  options.observer = "tau21";
  CHECK(Disco(options).observers() == std::vector<std::string>{"tau21"});
  const LossInput input{torch::zeros({3}), torch::zeros({3}), {}, {{"mass", torch::ones({3})}, {"pt", torch::ones({3})}}};
  REQUIRE_THROWS_AS(Disco(options)(input), core::InputError);
  REQUIRE_THROWS_WITH(Disco(options)(input),
                      "loss disco needs the observer 'tau21', which the data does not carry (it has: mass, pt)");
}

TEST_CASE("disco: gradient descent on the scores with a large lambda decorrelates them from the mass") {
  // Background scores that rise with the mass; a few steps on the free logits should flatten that dependence.
  torch::manual_seed(1);
  const auto mass = torch::rand({200}) * 200 + 20;
  const auto labels = torch::zeros({200});
  auto logits = ((mass - 120) / 40 + 0.3 * torch::randn({200})).requires_grad_(true);
  const Disco disco(with_lambda(50));
  const auto term = [&] {
    return disco.decorrelation({logits.detach(), labels, {}, {{"mass", mass}}}).item<double>();
  };
  const double before = term();
  torch::optim::SGD sgd({logits}, torch::optim::SGDOptions(5.0));
  for (int step = 0; step < 30; ++step) {
    sgd.zero_grad();
    disco({logits, labels, {}, {{"mass", mass}}}).backward();
    sgd.step();
  }
  CHECK(before > 0.5);
  CHECK(term() < 0.5 * before);
}
