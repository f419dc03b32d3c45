#include "toolkit/jets/nsubjettiness.h"

#include <catch2/catch.hpp>

#include <cmath>

#include <fastjet/ClusterSequence.hh>

#include "tests/jets/make_jet.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/jets/jet_finder.h"

using namespace jetstudy::jets;
using testing::make_jet;

TEST_CASE("nsubjettiness: two massless particles have tau2 = 0 and, with WTA axes, tau1 = pT2 dR / (sum pT R0)") {
  const Jet jet = make_jet({{200, 0.1, 0.2}, {80, -0.2, 0.5}}, 1.0);
  const double dR = std::hypot(0.3, 0.3);
  const Nsubjettiness wta = nsubjettiness(jet, NsubjettinessAxes::wta_kt);
  // WTA: the single axis is the harder particle, so only the softer one is away from it.
  CHECK(wta.tau[0] == Approx(80 * dR / (280 * 1.0)).epsilon(1e-12));
  CHECK(wta.tau[1] == 0);
  CHECK(wta.tau21() == 0);
  // Exclusive-kT (E-scheme) axis: the jet's own direction (rapidity y_J, phi_J), between the two particles.
  const Nsubjettiness kt = nsubjettiness(jet, NsubjettinessAxes::exclusive_kt);
  const double y_jet = 0.5 * std::log((jet.e + jet.pz) / (jet.e - jet.pz));
  const double expected = (200 * std::hypot(0.1 - y_jet, 0.2 - jet.phi) + 80 * std::hypot(-0.2 - y_jet, 0.5 - jet.phi)) / 280;
  CHECK(kt.tau[0] == Approx(expected).epsilon(1e-12));
  CHECK(kt.tau[0] > wta.tau[0]);  // for beta = 1 the WTA axis is the better (lower) one
  CHECK(kt.tau[1] == 0);
  // R0 scales tau_N as 1/R0; the default is the jet's radius.
  CHECK(nsubjettiness(jet, NsubjettinessAxes::wta_kt, 0.5).tau[0] == Approx(2 * wta.tau[0]).epsilon(1e-12));
  Jet wide = jet;
  wide.R = 1.5;
  CHECK(nsubjettiness(wide, NsubjettinessAxes::wta_kt).tau[0] == Approx(wta.tau[0] / 1.5).epsilon(1e-12));
}

TEST_CASE("nsubjettiness: a single particle has tau1 = 0, an empty jet has all tau_N = 0") {
  for (const auto axes : {NsubjettinessAxes::wta_kt, NsubjettinessAxes::exclusive_kt}) {
    const Nsubjettiness one = nsubjettiness(make_jet({{150, 0.3, -1.0}}), axes);
    CHECK(one.tau[0] == 0);
    CHECK(one.tau21() == 0);
    const Nsubjettiness none = nsubjettiness(Jet{}, axes);
    CHECK(none.tau == std::array<double, 4>{0, 0, 0, 0});
  }
}

TEST_CASE("nsubjettiness: three particles have tau3 = 0 and tau2 from the particle kT merges first") {
  // kT merges the pair with the smallest min(pT^2) dR^2: the 20 GeV particle with the 100 GeV one
  // (20^2 * 0.1^2 = 4) rather than anything with the far 60 GeV one.
  const Jet jet = make_jet({{100, 0, 0}, {20, 0, 0.1}, {60, 0, 0.8}});
  const Nsubjettiness wta = nsubjettiness(jet, NsubjettinessAxes::wta_kt);
  CHECK(wta.tau[2] == 0);
  CHECK(wta.tau[3] == 0);
  // WTA axes for N = 2: the 100 and 60 GeV particles; the 20 GeV one is 0.1 from its axis.
  CHECK(wta.tau[1] == Approx(20 * 0.1 / 180).epsilon(1e-12));
  // N = 1: the merged (100+20) branch keeps the 100 GeV direction and wins against 60 GeV.
  CHECK(wta.tau[0] == Approx((20 * 0.1 + 60 * 0.8) / 180).epsilon(1e-12));
  CHECK(wta.tau21() == Approx(2.0 / 50.0).epsilon(1e-12));
  CHECK(wta.tau32() == 0);
  const Nsubjettiness kt = nsubjettiness(jet, NsubjettinessAxes::exclusive_kt);
  CHECK(kt.tau[2] == 0);
  CHECK(kt.tau[1] > 0);
}

namespace {

// The reference: FastJet's own kT clustering (infinite R) and exclusive_jets(N) as axes.
std::array<double, 4> fastjet_tau(const Jet& jet, fastjet::RecombinationScheme scheme) {
  std::vector<fastjet::PseudoJet> particles;
  double pt_sum = 0;
  for (const auto& c : jet.constituents) {
    particles.emplace_back(c.pt * std::cos(c.phi), c.pt * std::sin(c.phi), c.pt * std::sinh(c.eta), c.e);
    pt_sum += c.pt;
  }
  const fastjet::ClusterSequence sequence(
      particles, fastjet::JetDefinition(fastjet::kt_algorithm, fastjet::JetDefinition::max_allowable_R, scheme));
  std::array<double, 4> tau{};
  for (int n = 1; n <= 4 && static_cast<std::size_t>(n) < particles.size(); ++n) {
    double sum = 0;
    const auto axes = sequence.exclusive_jets(n);
    for (const auto& p : particles) {
      double closest = 1e300;
      for (const auto& a : axes) closest = std::min(closest, p.squared_distance(a));
      sum += p.pt() * std::sqrt(closest);
    }
    tau[static_cast<std::size_t>(n - 1)] = sum / (pt_sum * jet.R);
  }
  return tau;
}

}  // namespace

TEST_CASE("nsubjettiness: the lean kT axes give FastJet's exclusive_jets tau_N on generator jets, both schemes") {
  jetstudy::events::generator::GeneratorOptions options;
  options.process = jetstudy::events::generator::Process::top;
  options.seed = 12;
  jetstudy::events::generator::Generator generator(options);
  JetSpec spec;
  spec.R = 1.0;
  spec.pt_min_gev = 100;
  const JetFinder finder(spec);
  int compared = 0;
  for (int i = 0; i < 150; ++i) {
    const auto jets = finder.find(generator.next());
    if (jets.empty()) continue;
    const Jet& jet = jets.front();
    const auto wta = nsubjettiness(jet, NsubjettinessAxes::wta_kt).tau;
    const auto kt = nsubjettiness(jet, NsubjettinessAxes::exclusive_kt).tau;
    const auto wta_reference = fastjet_tau(jet, fastjet::WTA_pt_scheme);
    const auto kt_reference = fastjet_tau(jet, fastjet::E_scheme);
    for (std::size_t n = 0; n < 4; ++n) {
      CHECK(wta[n] == Approx(wta_reference[n]).epsilon(1e-9));
      CHECK(kt[n] == Approx(kt_reference[n]).epsilon(1e-9));
    }
    ++compared;
  }
  CHECK(compared > 140);
}
