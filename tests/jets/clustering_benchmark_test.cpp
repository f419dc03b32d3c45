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

TEST_CASE("clustering_benchmark: the reclusterings are timed against FastJet doing the same, with the same results") {
  events::generator::GeneratorOptions options;
  options.process = events::generator::Process::top;
  options.pt_min_gev = 350;
  options.pt_max_gev = 450;
  options.seed = 6;
  events::generator::Generator generator(options);
  std::vector<events::Event> sample;
  for (int i = 0; i < 30; ++i) sample.push_back(generator.next());
  jets::JetSpec spec;
  spec.groom = jets::TrimSpec{0.2, 0.05};
  const jets::ReclusteringRates rates = jets::compare_reclustering_rates(sample, spec, 2);
  CHECK(rates.jets == sample.size());
  // Both sides trim and find both kinds of axes alike: the checksums agree to rounding of the sums' order.
  CHECK(rates.checksum_difference < 1e-12);
  // Plausible figures for ~70-constituent jets on one core.
  CHECK(rates.fastjet > 100);
  CHECK(rates.fastjet < 1e7);
  CHECK(rates.jetstudy > 100);
  CHECK(rates.jetstudy < 1e7);

  // Another subjet radius changes the trimming on both sides alike.
  spec.groom = jets::TrimSpec{0.3, 0.05};
  CHECK(jets::compare_reclustering_rates(sample, spec).checksum_difference < 1e-12);

  REQUIRE_THROWS_WITH(jets::compare_reclustering_rates({}, spec), Catch::Matchers::Contains("no events"));
  REQUIRE_THROWS_AS(jets::compare_reclustering_rates(sample, spec, 0), core::InputError);
  spec.groom = jets::NoGroom{};
  REQUIRE_THROWS_WITH(jets::compare_reclustering_rates(sample, spec), Catch::Matchers::Contains("no trimming"));
  spec.groom = jets::TrimSpec{};
  spec.pt_min_gev = 5000;
  REQUIRE_THROWS_WITH(jets::compare_reclustering_rates(sample, spec), Catch::Matchers::Contains("no jets"));
  // A momentum that is not finite is refused as JetFinder refuses it, naming the particle.
  spec.pt_min_gev = 0;
  sample[3].particles[7].px = std::nan("");
  REQUIRE_THROWS_WITH(jets::compare_reclustering_rates(sample, spec),
                      Catch::Matchers::Contains("particle 7") && Catch::Matchers::Contains("not finite"));
}
