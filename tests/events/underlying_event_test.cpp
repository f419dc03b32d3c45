#include <catch2/catch.hpp>

#include <cmath>

#include "toolkit/events/generator/four_vector.h"
#include "toolkit/events/generator/underlying_event.h"

using namespace jetstudy::events::generator;
using jetstudy::events::Particle;

TEST_CASE("underlying_event: about 6 charged and 3 neutral particles per unit eta with <pT> = 0.5 GeV") {
  const SoftInteractions soft;
  Random random(1);
  const int n = 500;
  double charged = 0, neutral = 0, pt_sum = 0, count = 0;
  for (int i = 0; i < n; ++i) {
    std::vector<Particle> out;
    soft.add_interaction(random, false, out);
    for (const Particle& p : out) {
      const FourVector v{p.px, p.py, p.pz, p.e};
      (p.charge != 0 ? charged : neutral) += 1;
      pt_sum += v.pt();
      count += 1;
      CHECK(std::abs(v.eta()) <= 4.0 + 1e-9);
      CHECK(!p.from_pileup);
      CHECK(v.m2() >= -1e-9);
    }
  }
  CHECK(charged / n / 8 == Approx(6).epsilon(0.03));
  CHECK(neutral / n / 8 == Approx(3).epsilon(0.04));
  CHECK(pt_sum / count == Approx(0.5).epsilon(0.03));
}

TEST_CASE("underlying_event: pile-up adds Poisson(mu) interactions, all flagged from_pileup") {
  const SoftInteractions soft;
  Random random(2);
  double interactions = 0;
  const int n = 400;
  for (int i = 0; i < n; ++i) {
    std::vector<Particle> out;
    interactions += soft.add_pileup(20, random, out);
    for (const Particle& p : out) CHECK(p.from_pileup);
  }
  CHECK(interactions / n == Approx(20).epsilon(0.03));
  std::vector<Particle> none;
  CHECK(soft.add_pileup(0, random, none) == 0);
  CHECK(none.empty());
}
