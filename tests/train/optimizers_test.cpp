#include "toolkit/train/optimizers.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"
#include "toolkit/train/adadelta.h"

using namespace jetstudy;
using nlohmann::json;

namespace {

// One parameter p (double precision), the loss p^2 (gradient 2p), `steps` optimizer steps; returns p after each.
std::vector<double> minimise_square(const json& optimizer_block, int steps, double start = 1.0) {
  auto p = torch::tensor({start}, torch::kFloat64).requires_grad_(true);
  auto optimizer = train::make_optimizer(optimizer_block, {p});
  std::vector<double> values;
  for (int i = 0; i < steps; ++i) {
    optimizer->zero_grad();
    (p * p).sum().backward();
    optimizer->step();
    values.push_back(p.item<double>());
  }
  return values;
}

// One step with a zero gradient: only weight decay moves the parameter.
double step_with_zero_gradient(const json& optimizer_block) {
  auto p = torch::tensor({1.0}, torch::kFloat64).requires_grad_(true);
  auto optimizer = train::make_optimizer(optimizer_block, {p});
  p.mutable_grad() = torch::zeros_like(p);
  optimizer->step();
  return p.item<double>();
}

}  // namespace

TEST_CASE("optimizers: adadelta's first two steps are the AdaDelta update written out by hand") {
  const double rho = 0.9, eps = 1e-6, lr = 1.0;
  double p = 1.0, square_avg = 0, acc_delta = 0;
  std::vector<double> expected;
  for (int step = 0; step < 2; ++step) {
    const double g = 2 * p;
    square_avg = rho * square_avg + (1 - rho) * g * g;
    const double delta = std::sqrt(acc_delta + eps) / std::sqrt(square_avg + eps) * g;
    acc_delta = rho * acc_delta + (1 - rho) * delta * delta;
    p -= lr * delta;
    expected.push_back(p);
  }
  const auto got = minimise_square({{"name", "adadelta"}}, 2);  // defaults: lr 1, rho 0.9, eps 1e-6
  CHECK(got[0] == Approx(expected[0]).epsilon(1e-12));
  CHECK(got[1] == Approx(expected[1]).epsilon(1e-12));
  CHECK(expected[0] == Approx(1 - 2 * std::sqrt(1e-6) / std::sqrt(0.4 + 1e-6)).epsilon(1e-12));
}

TEST_CASE("optimizers: adadelta's state survives save and load, so training continues identically") {
  auto p = torch::tensor({1.0, -2.0}, torch::kFloat64).requires_grad_(true);
  auto q = p.detach().clone().requires_grad_(true);
  auto first = train::make_optimizer({{"name", "adadelta"}, {"lr", 0.5}}, {p});
  const auto step = [](torch::optim::Optimizer& optimizer, torch::Tensor& x) {
    optimizer.zero_grad();
    (x * x).sum().backward();
    optimizer.step();
  };
  step(*first, p);
  step(*first, p);
  torch::serialize::OutputArchive out;
  first->save(out);
  std::ostringstream bytes;
  out.save_to(bytes);

  {
    torch::NoGradGuard no_grad;
    q.copy_(p);
  }
  auto second = train::make_optimizer({{"name", "adadelta"}, {"lr", 0.5}}, {q});
  torch::serialize::InputArchive in;
  std::istringstream read_back(bytes.str());
  in.load_from(read_back);
  second->load(in);
  step(*first, p);
  step(*second, q);
  CHECK(torch::equal(p, q));
}

TEST_CASE("optimizers: sgd with Nesterov momentum follows the update by hand, and needs a momentum") {
  // buf = g, then buf = 0.9 buf + g; Nesterov steps along g + 0.9 buf.
  // Step 1: g = 2, buf = 2, p = 1 - 0.1 (2 + 1.8) = 0.62.  Step 2: g = 1.24, buf = 3.04, p = 0.62 - 0.1 * 3.976.
  const auto got = minimise_square({{"name", "sgd"}, {"lr", 0.1}, {"momentum", 0.9}, {"nesterov", true}}, 2);
  CHECK(got[0] == Approx(0.62).epsilon(1e-12));
  CHECK(got[1] == Approx(0.2224).epsilon(1e-12));
  REQUIRE_THROWS_WITH(minimise_square({{"name", "sgd"}, {"nesterov", true}}, 1),
                      "train.optimizer: sgd with nesterov: true needs a momentum > 0 (e.g. momentum: 0.9)");
}

TEST_CASE("optimizers: adamw decays weights apart from the gradient, adam's weight decay goes through it") {
  // Zero gradient: AdamW shrinks p by lr * weight_decay; Adam's L2 term becomes the gradient and Adam's first
  // step moves p by about lr whatever the gradient's size.
  CHECK(step_with_zero_gradient({{"name", "adamw"}, {"lr", 0.1}, {"weight_decay", 0.5}}) == Approx(0.95).epsilon(1e-12));
  CHECK(step_with_zero_gradient({{"name", "adam"}, {"lr", 0.1}, {"weight_decay", 0.5}}) == Approx(0.9).epsilon(1e-6));
}

TEST_CASE("optimizers: defaults come from the option schemas, and the rate can be read and set") {
  auto p = torch::zeros({1}, torch::requires_grad());
  CHECK(train::learning_rate(*train::make_optimizer({{"name", "adadelta"}}, {p})) == 1.0);
  CHECK(train::learning_rate(*train::make_optimizer({{"name", "adamw"}}, {p})) == 1e-3);
  auto sgd = train::make_optimizer({{"name", "sgd"}}, {p});
  CHECK(train::learning_rate(*sgd) == 1e-2);
  train::set_learning_rate(*sgd, 0.25);
  CHECK(train::learning_rate(*sgd) == 0.25);

  std::vector<std::string> names;
  for (const auto& schema : train::optimizer_schemas()) names.push_back(schema.name);
  CHECK(names == std::vector<std::string>{"adam", "adamw", "adadelta", "sgd"});
  REQUIRE_THROWS_WITH(train::make_optimizer({{"name", "adadleta"}}, {p}),
                      Catch::Matchers::StartsWith("unknown optimizer 'adadleta'; did you mean 'adadelta'"));
}
