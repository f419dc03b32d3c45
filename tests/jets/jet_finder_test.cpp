#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include <fastjet/ClusterSequence.hh>

#include "toolkit/core/error.h"
#include "toolkit/events/text_event_reader.h"
#include "toolkit/jets/jet_finder.h"

using namespace jetstudy;
using jets::JetFinder;
using jets::JetSpec;

namespace {

events::Particle massless(double pt, double eta, double phi, int pid = 211, int charge = 1) {
  return {pt * std::cos(phi), pt * std::sin(phi), pt * std::sinh(eta), pt * std::cosh(eta), pid, charge, false};
}

JetSpec antikt(double R) {
  JetSpec spec;
  spec.R = R;
  return spec;
}

}  // namespace

TEST_CASE("jet_finder: two massless particles in one jet have m^2 = 2 pT1 pT2 (cosh deta - cos dphi)") {
  events::Event event;
  event.particles = {massless(200, 0.1, 0.2), massless(80, -0.2, 0.5, 22, 0)};
  const auto jets = JetFinder(antikt(1.0)).find(event);
  REQUIRE(jets.size() == 1);
  const double expected = std::sqrt(2 * 200 * 80 * (std::cosh(0.3) - std::cos(0.3)));
  CHECK(jets[0].m == Approx(expected).epsilon(1e-9));
  CHECK(jets[0].pt == Approx(std::hypot(200 * std::cos(0.2) + 80 * std::cos(0.5),
                                        200 * std::sin(0.2) + 80 * std::sin(0.5))).epsilon(1e-12));
  REQUIRE(jets[0].constituents.size() == 2);
  // Constituents pT-ordered, with pid and charge carried through FastJet's user_index.
  CHECK(jets[0].constituents[0].pt == Approx(200));
  CHECK(jets[0].constituents[0].pid == 211);
  CHECK(jets[0].constituents[1].pid == 22);
  CHECK(jets[0].constituents[1].charge == 0);
  CHECK(jets[0].constituents[1].eta == Approx(-0.2));
}

TEST_CASE("jet_finder: FastJet's Pythia example events cluster as with a direct ClusterSequence") {
  const auto events = events::read_text_events(JETSTUDY_SHARED_DATA "/pythia/Pythia-PtMin1000-LHC-10ev.dat");
  REQUIRE(events.size() == 10);
  JetSpec spec = antikt(0.4);
  spec.pt_min_gev = 5;
  const JetFinder finder(spec);
  for (std::size_t e = 0; e < 3; ++e) {
    const auto jets = finder.find(events[e]);
    // The peer: FastJet used directly, as in its 01-basic example.
    std::vector<fastjet::PseudoJet> particles;
    for (const auto& p : events[e].particles) particles.emplace_back(p.px, p.py, p.pz, p.e);
    const fastjet::ClusterSequence sequence(particles, fastjet::JetDefinition(fastjet::antikt_algorithm, 0.4));
    const auto reference = fastjet::sorted_by_pt(sequence.inclusive_jets(5.0));
    REQUIRE(jets.size() == reference.size());
    for (std::size_t j = 0; j < jets.size(); ++j) {
      CHECK(jets[j].pt == Approx(reference[j].pt()).epsilon(1e-12));
      CHECK(jets[j].eta == Approx(reference[j].pseudorapidity()).epsilon(1e-12));
      CHECK(jets[j].phi == Approx(reference[j].phi_std()).epsilon(1e-12));
      CHECK(jets[j].constituents.size() == reference[j].constituents().size());
    }
  }
  // Sanity on the first event (354 particles, a pT-hat > 1 TeV dijet): two TeV-scale jets back to back in
  // phi, a third at ~63 GeV, five jets above 5 GeV -- the figures FastJet 3.4.0 gives for this file.
  const auto first = finder.find(events[0]);
  CHECK(events[0].particles.size() == 354);
  REQUIRE(first.size() == 5);
  CHECK(first[0].pt == Approx(981.157).margin(0.01));
  CHECK(first[0].eta == Approx(-0.8678).margin(0.001));
  CHECK(first[1].pt == Approx(895.426).margin(0.01));
  CHECK(std::abs(std::remainder(first[0].phi - first[1].phi, 2 * std::numbers::pi)) > 2.8);
  CHECK(first[2].pt == Approx(63.37).margin(0.01));
}

TEST_CASE("jet_finder: trimming removes a soft wide-angle particle that untrimmed jets keep") {
  events::Event event;
  event.particles = {massless(300, 0, 0), massless(100, 0.05, 0.1), massless(3, 0.7, -0.5)};
  const auto plain = JetFinder(antikt(1.0)).find(event);
  JetSpec trimmed_spec = antikt(1.0);
  trimmed_spec.trim = jets::TrimSpec{0.2, 0.05};
  const auto trimmed = JetFinder(trimmed_spec).find(event);
  REQUIRE(plain.size() == 1);
  REQUIRE(trimmed.size() == 1);
  CHECK(plain[0].constituents.size() == 3);
  CHECK(trimmed[0].constituents.size() == 2);
  CHECK(trimmed[0].m < plain[0].m);
  CHECK(trimmed[0].m == Approx(std::sqrt(2 * 300 * 100 * (std::cosh(0.05) - std::cos(0.1)))).epsilon(1e-9));
  // Subjets: the one kept trimming subjet, against two inclusive kT R=0.2 subjets untrimmed.
  CHECK(trimmed[0].subjets.size() == 1);
  REQUIRE(plain[0].subjets.size() == 2);
  CHECK(plain[0].subjets[0].pt > plain[0].subjets[1].pt);
  CHECK(plain[0].subjets[1].pt == Approx(3));
}

TEST_CASE("jet_finder: a jet at phi = pi with constituents on both sides gets phi in -pi < phi <= pi") {
  const double pi = std::numbers::pi;
  events::Event event;
  event.particles = {massless(100, 0, pi - 0.05), massless(100, 0, -pi + 0.03)};
  const auto jets = JetFinder(antikt(0.4)).find(event);
  REQUIRE(jets.size() == 1);
  CHECK(std::abs(jets[0].phi) == Approx(pi - 0.01).epsilon(1e-9));
  CHECK(jets[0].phi > -pi);
  CHECK(jets[0].phi <= pi);
  CHECK(jets[0].m == Approx(std::sqrt(2 * 100 * 100 * (1 - std::cos(0.08)))).epsilon(1e-9));
  for (const auto& c : jets[0].constituents) CHECK(std::abs(c.phi) > 3.0);
}

TEST_CASE("jet_finder: bad particles and unknown algorithms are input errors naming the place") {
  events::Event event;
  event.number = 17;
  event.particles = {massless(100, 0, 0), {1, 0, 0, std::nan(""), 211, 1, false}};
  REQUIRE_THROWS_AS(JetFinder(antikt(0.4)).find(event), core::InputError);
  REQUIRE_THROWS_WITH(JetFinder(antikt(0.4)).find(event), Catch::Matchers::StartsWith("event 17, particle 1:"));
  event.particles[1] = {1, 0, 0, -1, 211, 1, false};
  REQUIRE_THROWS_WITH(JetFinder(antikt(0.4)).find(event), Catch::Matchers::Contains("negative energy"));

  JetSpec spec;
  spec.algorithm = "antkt";
  REQUIRE_THROWS_WITH(JetFinder(spec), Catch::Matchers::Contains("did you mean 'antikt'?"));
  REQUIRE_THROWS_WITH(JetFinder(antikt(0)), Catch::Matchers::Contains("R must be > 0"));
}

TEST_CASE("jet_finder: neutrinos are invisible to jets unless asked for, and low-pT jets are dropped") {
  events::Event event;
  event.particles = {massless(100, 0, 0), massless(50, 0.1, 0.1, 14, 0), massless(4, 2, 2)};
  JetSpec spec = antikt(0.4);
  spec.pt_min_gev = 10;
  const auto visible = JetFinder(spec).find(event);
  REQUIRE(visible.size() == 1);
  CHECK(visible[0].pt == Approx(100));
  spec.include_neutrinos = true;
  const auto all = JetFinder(spec).find(event);
  REQUIRE(all.size() == 1);
  CHECK(all[0].pt > 140);
  CHECK(JetFinder(spec).description() == "antikt R=0.4, kT subjets R=0.2, pT > 10 GeV, neutrinos included");
}

TEST_CASE("jet_finder: kt and cambridge find the same two well-separated jets as anti-kt") {
  events::Event event;
  event.particles = {massless(100, 0, 0), massless(20, 0.1, 0.1), massless(90, 0, 3), massless(10, -0.1, 2.9)};
  for (const char* algorithm : {"antikt", "kt", "cambridge"}) {
    JetSpec spec = antikt(0.5);
    spec.algorithm = algorithm;
    const auto jets = JetFinder(spec).find(event);
    REQUIRE(jets.size() == 2);
    CHECK(jets[0].constituents.size() == 2);
    CHECK(jets[1].constituents.size() == 2);
  }
}

TEST_CASE("jet_finder: jet_of_all_particles is the sum of every particle, as anti-kT finds it when all are within R") {
  events::Event event;
  event.number = 7;
  event.particles = {massless(40, 0.30, 1.00, 211, 1), massless(250, 0.10, 1.10, 22, 0),
                     massless(90, -0.20, 0.70, -321, -1), massless(5, 0.0, 1.0, 14, 0)};
  const jets::Jet jet = jets::jet_of_all_particles(event, 0.8);
  CHECK(jet.R == 0.8);
  // Every particle is a constituent, neutrinos too, pT-ordered, with its pid and charge.
  REQUIRE(jet.constituents.size() == 4);
  CHECK(jet.constituents[0].pt == Approx(250));
  CHECK(jet.constituents[0].pid == 22);
  CHECK(jet.constituents[1].pid == -321);
  CHECK(jet.constituents[1].charge == -1);
  CHECK(jet.constituents[3].pt == Approx(5));
  double px = 0, py = 0, pz = 0, e = 0;
  for (const auto& p : event.particles) {
    px += p.px;
    py += p.py;
    pz += p.pz;
    e += p.e;
  }
  CHECK(jet.pt == Approx(std::hypot(px, py)));
  CHECK(jet.m == Approx(std::sqrt(e * e - px * px - py * py - pz * pz)));
  // The same jet as anti-kT R = 0.8 finds, every particle lying within 0.8 of the hardest one.
  JetSpec spec = antikt(0.8);
  spec.include_neutrinos = true;
  const auto found = JetFinder(spec).find(event);
  REQUIRE(found.size() == 1);
  CHECK(jet.pt == Approx(found[0].pt).epsilon(1e-12));
  CHECK(jet.m == Approx(found[0].m).epsilon(1e-12));
  CHECK(jet.eta == Approx(found[0].eta).epsilon(1e-12));
  CHECK(jet.phi == Approx(found[0].phi).epsilon(1e-12));

  event.particles[2].pz = std::nan("");
  CHECK_THROWS_WITH(jets::jet_of_all_particles(event, 0.8), Catch::Matchers::StartsWith("event 7, particle 2: momentum"));
}
