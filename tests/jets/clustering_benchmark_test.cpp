#include "toolkit/jets/clustering_benchmark.h"

#include <catch2/catch.hpp>

#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/generator.h"

using namespace jetstudy;

TEST_CASE("clustering_benchmark: both loops time real work on the same events and return events per second") {
  events::generator::GeneratorOptions options;
  options.seed = 5;
  events::generator::Generator generator(options);
  std::vector<events::Event> sample;
  for (int i = 0; i < 40; ++i) sample.push_back(generator.next());
  jets::JetSpec spec;
  spec.pt_min_gev = 100;
  spec.groom = jets::TrimSpec{};
  const jets::ClusteringRates rates = jets::compare_clustering_rates(sample, spec, 2);
  const double peer = rates.fastjet, ours = rates.jetstudy;
  CHECK(std::isfinite(peer));
  CHECK(std::isfinite(ours));
  // Plausible figures for ~130-particle events on one core: well above 100 and below 10^7 events/s.
  CHECK(peer > 100);
  CHECK(peer < 1e7);
  CHECK(ours > 100);
  CHECK(ours < 1e7);
  REQUIRE_THROWS_WITH(jets::compare_clustering_rates({}, spec), Catch::Matchers::Contains("no events"));
  REQUIRE_THROWS_AS(jets::compare_clustering_rates(sample, spec, 0), core::InputError);
}
