#include "toolkit/metrics/beyond_observables.h"

#include <catch2/catch.hpp>
#include <random>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

TEST_CASE("beyond observables: a hand two-bin case, reweighted to exactly AUC 0.5") {
  // Mass bins [0, 50), [50, 100]: signal 3 + 1 jets, background 1 + 3. The score only knows the bin.
  const std::vector<double> mass{10, 10, 10, 60, 20, 70, 70, 70};
  const std::vector<double> labels{1, 1, 1, 1, 0, 0, 0, 0};
  std::vector<double> scores;
  for (const double m : mass) scores.push_back(m < 50 ? 0.0 : 1.0);
  const auto result = beyond_observables(scores, labels, mass, {0, 50, 100});
  // Before: wins 1 (S=1 vs B=0), ties 3 + 3 -> (1 + 3) / 16.
  REQUIRE(result.auc_before == Approx(0.25));
  // Signal weights: bin 0 gets (B0/S0)(S/B) = 1/3 each, bin 1 gets 3: the signal now looks like the background.
  REQUIRE(result.weights[0] == Approx(1.0 / 3.0));
  REQUIRE(result.weights[3] == Approx(3.0));
  REQUIRE(result.weights[4] == 1.0);
  REQUIRE(result.auc_after == Approx(0.5));
  REQUIRE(result.jets_outside == 0);
}

namespace {

// Signal and background differ in a mass-like x, a tau-like y and a third variable z that no reweighting sees.
struct ToySample {
  std::vector<double> labels, x, y, z;
};

ToySample toy_sample(int jets) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> gauss(0, 1);
  ToySample sample;
  for (int i = 0; i < jets; ++i) {
    const double shift = i % 2 == 0 ? 1.0 : 0.0;
    sample.labels.push_back(shift);
    sample.x.push_back(gauss(rng) + shift);
    sample.y.push_back(gauss(rng) - shift);
    sample.z.push_back(gauss(rng) + 0.8 * shift);
  }
  return sample;
}

std::vector<double> edges_of_width(double width, double low, double high) {
  std::vector<double> edges;
  for (double edge = low; edge < high + width / 2; edge += width) edges.push_back(edge);
  return edges;
}

}  // namespace

TEST_CASE("beyond observables: a score that is the reweighted observable itself drops to AUC ~ 0.5") {
  const auto sample = toy_sample(20000);
  const auto result = beyond_observables(sample.x, sample.labels, sample.x, edges_of_width(0.1, -5, 6));
  REQUIRE(result.auc_before == Approx(0.760).margin(0.01));  // Phi(1 / sqrt(2))
  REQUIRE(result.auc_after == Approx(0.5).margin(0.015));
}

TEST_CASE("beyond observables: in two observables, only the information beyond them survives") {
  const auto sample = toy_sample(20000);
  const auto edges = edges_of_width(0.3, -5, 5.8);
  std::vector<double> score_xy;
  for (std::size_t i = 0; i < sample.x.size(); ++i) score_xy.push_back(sample.x[i] - sample.y[i]);
  const auto from_observables = beyond_observables(score_xy, sample.labels, sample.x, edges, sample.y, edges);
  REQUIRE(from_observables.auc_before == Approx(0.841).margin(0.01));  // Phi(2 / 2)
  // Near 0.5; what is left is the spread of x - y inside the 0.3 x 0.3 bins.
  REQUIRE(from_observables.auc_after < 0.55);

  const auto beyond = beyond_observables(sample.z, sample.labels, sample.x, edges, sample.y, edges);
  REQUIRE(beyond.auc_before == Approx(0.714).margin(0.01));  // Phi(0.8 / sqrt(2))
  REQUIRE(beyond.auc_after == Approx(beyond.auc_before).margin(0.02));
}

TEST_CASE("beyond observables: jets outside the binning are left out, disjoint classes cannot be reweighted") {
  const std::vector<double> scores{0.9, 0.1, 0.5}, labels{1, 0, 1}, mass{10, 10, 500};
  const auto result = beyond_observables(scores, labels, mass, {0, 100});
  REQUIRE(result.jets_outside == 1);
  REQUIRE(result.weights[2] == 0.0);
  REQUIRE(result.auc_before == 1.0);
  REQUIRE_THROWS_WITH(beyond_observables(scores, labels, std::vector<double>{10, 60, 10}, {0, 50, 100}),
                      Catch::Matchers::Contains("share no bin"));
}
