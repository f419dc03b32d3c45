#include "toolkit/models/mass_adversary.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/train/checkpoint.h"

using namespace jetstudy;
using models::MassAdversaryImpl;
using models::MassAdversaryOptions;

namespace {

MassAdversaryOptions small(const std::string& kind) {
  return MassAdversaryOptions{}.kind(kind).components(3).bins(20).hidden({32, 32}).range_min(0).range_max(400);
}

// Fits the adversary by Adam on the full sample; returns its final NLL on that sample.
double fit(MassAdversaryImpl& adversary, const torch::Tensor& scores, const torch::Tensor& mass, int steps = 300) {
  torch::optim::Adam adam(adversary.parameters(), torch::optim::AdamOptions(1e-2));
  for (int step = 0; step < steps; ++step) {
    adam.zero_grad();
    adversary.negative_log_likelihood(scores, mass, {}).backward();
    adam.step();
  }
  torch::NoGradGuard no_grad;
  return adversary.negative_log_likelihood(scores, mass, {}).item<double>();
}

// A sample where the mass follows the score: m = 50 + 250 s + 15 GeV noise.
struct Sample {
  torch::Tensor scores, mass;
};
Sample dependent_sample(std::int64_t n) {
  const auto scores = torch::rand({n}) * 0.9 + 0.05;
  return {scores, 50 + 250 * scores + 15 * torch::randn({n})};
}

}  // namespace

TEST_CASE("mass_adversary: when the mass depends on the score, the conditional NLL beats the unconditional fit") {
  for (const std::string kind : {"mdn", "binned"}) {
    INFO(kind);
    torch::manual_seed(1);
    const auto sample = dependent_sample(1000);
    MassAdversaryImpl informed(small(kind));
    const double conditional = fit(informed, sample.scores, sample.mass);
    // The same network shown one constant score can only learn the marginal mass distribution.
    MassAdversaryImpl blind(small(kind));
    const double unconditional = fit(blind, torch::full_like(sample.scores, 0.5), sample.mass);
    // Gaussian widths 15/400 against a ~250/400-wide marginal: about log(250 / (15 sqrt(2 pi e))) = 1.4 nats apart.
    CHECK(conditional < unconditional - 0.7);
    // and the density it learnt moves with the score: a 100 GeV jet is likely for a low score, unlikely for a high
    torch::NoGradGuard no_grad;
    const auto hundred = torch::full({1}, 100.0);
    CHECK(informed.negative_log_likelihood(torch::full({1}, 0.2), hundred, {}).item<double>() <
          informed.negative_log_likelihood(torch::full({1}, 0.8), hundred, {}).item<double>() - 2);
  }
}

TEST_CASE("mass_adversary: on a mass independent of the score it learns no dependence") {
  for (const std::string kind : {"mdn", "binned"}) {
    INFO(kind);
    torch::manual_seed(2);
    const auto scores = torch::rand({1000});
    const auto mass = 50 + 250 * torch::rand({1000}) + 15 * torch::randn({1000});
    MassAdversaryImpl adversary(small(kind));
    fit(adversary, scores, mass);
    torch::NoGradGuard no_grad;
    const auto probe = 50 + 250 * torch::rand({500});
    const double low = adversary.negative_log_likelihood(torch::full({500}, 0.2), probe, {}).item<double>();
    const double high = adversary.negative_log_likelihood(torch::full({500}, 0.8), probe, {}).item<double>();
    CHECK(std::abs(low - high) < 0.1);
  }
}

TEST_CASE("mass_adversary: weights make a weighted mean of the per-jet NLL") {
  torch::manual_seed(3);
  MassAdversaryImpl adversary(small("mdn"));
  torch::NoGradGuard no_grad;
  const auto scores = torch::tensor({0.1f, 0.9f});
  const auto mass = torch::tensor({80.0f, 170.0f});
  const double first = adversary.negative_log_likelihood(scores.slice(0, 0, 1), mass.slice(0, 0, 1), {}).item<double>();
  const double second = adversary.negative_log_likelihood(scores.slice(0, 1, 2), mass.slice(0, 1, 2), {}).item<double>();
  CHECK(adversary.negative_log_likelihood(scores, mass, torch::tensor({3.0f, 1.0f})).item<double>() ==
        Approx((3 * first + second) / 4).epsilon(1e-5));
}

TEST_CASE("mass_adversary: the binned NLL is the cross-entropy of the mass bin, masses outside fall in the end bins") {
  torch::manual_seed(4);
  MassAdversaryImpl adversary(small("binned"));
  torch::NoGradGuard no_grad;
  const auto log_p = torch::log_softmax(adversary.forward(torch::tensor({0.3f, 0.3f, 0.3f})), 1);
  // 20 bins of 20 GeV: 85 GeV is bin 4; -10 GeV bin 0; 900 GeV bin 19
  const auto mass = torch::tensor({85.0f, -10.0f, 900.0f});
  const double expected = -(log_p[0][4] + log_p[1][0] + log_p[2][19]).item<double>() / 3;
  CHECK(adversary.negative_log_likelihood(torch::tensor({0.3f, 0.3f, 0.3f}), mass, {}).item<double>() ==
        Approx(expected).epsilon(1e-5));
}

TEST_CASE("mass_adversary: saved and reloaded it gives the identical NLL, bad options are input errors") {
  torch::manual_seed(5);
  MassAdversaryImpl trained(small("mdn"));
  const auto sample = dependent_sample(200);
  fit(trained, sample.scores, sample.mass, 20);
  MassAdversaryImpl fresh(small("mdn"));
  const core::TempDirectory directory("adversary");
  train::save_checkpoint(trained, directory / "adversary.pt");
  train::load_checkpoint(fresh, directory / "adversary.pt");
  torch::NoGradGuard no_grad;
  CHECK(fresh.negative_log_likelihood(sample.scores, sample.mass, {}).item<double>() ==
        trained.negative_log_likelihood(sample.scores, sample.mass, {}).item<double>());

  REQUIRE_THROWS_WITH(MassAdversaryImpl(small("gauss")), "mass adversary: unknown kind 'gauss'; expected mdn or binned");
  REQUIRE_THROWS_WITH(MassAdversaryImpl(small("mdn").range_min(300).range_max(100)),
                      "mass adversary: range must be [min, max] with min < max, got [300, 100]");
}
