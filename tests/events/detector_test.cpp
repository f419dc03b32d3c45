// The detector model: tower energy resolution, thresholds, track efficiency and resolution, particle flow,
// pile-up flags, reproducibility, and jets that keep their mass through the detector.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/detector.h"
#include "toolkit/events/generator/four_vector.h"
#include "toolkit/events/generator/generator.h"

using namespace jetstudy::events::generator;
using jetstudy::events::Event;
using jetstudy::events::Particle;

namespace {

Particle make(int pid, int charge, double pt, double eta, double phi, double mass = 0, bool pileup = false) {
  const FourVector p = FourVector::from_pt_eta_phi_m(pt, eta, phi, mass);
  return {p.px, p.py, p.pz, p.e, pid, charge, pileup};
}

Detector detector(DetectorLevel level, double efficiency = 0.9) {
  DetectorOptions options;
  options.level = level;
  options.track_efficiency = efficiency;
  return Detector(options);
}

struct MeanSigma {
  double mean = 0, sigma = 0;
};
MeanSigma mean_sigma(const std::vector<double>& values) {
  double sum = 0, sum2 = 0;
  for (double v : values) {
    sum += v;
    sum2 += v * v;
  }
  const double n = static_cast<double>(values.size());
  return {sum / n, std::sqrt(std::max(0.0, sum2 / n - (sum / n) * (sum / n)))};
}

// The mass of an iterative cone of radius R (in eta, phi) around the hardest object, neutrinos excluded.
double cone_mass(const Event& event, double radius) {
  const auto visible = [](const Particle& p) {
    const int kind = std::abs(p.pid);
    return kind != 12 && kind != 14 && kind != 16;
  };
  const Particle* hardest = nullptr;
  for (const auto& p : event.particles) {
    if (visible(p) && (!hardest || std::hypot(p.px, p.py) > std::hypot(hardest->px, hardest->py))) hardest = &p;
  }
  if (!hardest) return 0;
  FourVector axis{hardest->px, hardest->py, hardest->pz, hardest->e};
  FourVector jet;
  for (int iteration = 0; iteration < 4; ++iteration) {
    jet = {};
    for (const auto& p : event.particles) {
      if (!visible(p)) continue;
      const FourVector v{p.px, p.py, p.pz, p.e};
      if (v.pt() <= 0) continue;
      const double dphi = std::remainder(v.phi() - axis.phi(), 2 * std::numbers::pi);
      if (std::hypot(v.eta() - axis.eta(), dphi) < radius) jet += v;
    }
    axis = jet;
  }
  return jet.m();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

TEST_CASE("detector: a single photon's or neutral hadron's tower has the stochastic resolution of its kind") {
  struct Case {
    int pid;
    double energy;
  };
  const DetectorOptions defaults;
  for (const Case c : {Case{22, 50}, Case{130, 50}, Case{22, 8}, Case{130, 200}}) {
    const Detector towers = detector(DetectorLevel::towers);
    Event event;
    const double eta = 0.33;
    event.particles.push_back(make(c.pid, 0, c.energy / std::cosh(eta), eta, 0.21, 0));
    std::vector<double> energies;
    const int n = 4000;
    for (int i = 0; i < n; ++i) {
      event.number = static_cast<std::uint64_t>(i);
      const Event measured = towers.simulate(event, 99);
      REQUIRE(measured.particles.size() == 1);
      const Particle& tower = measured.particles[0];
      CHECK(tower.pid == 0);
      CHECK(tower.charge == 0);
      CHECK(FourVector{tower.px, tower.py, tower.pz, tower.e}.eta() == Approx(0.35).margin(1e-9));  // cell centre
      energies.push_back(tower.e);
    }
    const MeanSigma m = mean_sigma(energies);
    const double expected = c.pid == 22 ? em_resolution(defaults, c.energy) : hadron_resolution(defaults, c.energy);
    CAPTURE(c.pid, c.energy, m.mean, m.sigma / c.energy, expected);
    CHECK(m.mean == Approx(c.energy).epsilon(3 * expected / std::sqrt(n) + 1e-3));
    // The sample sigma of 4000 Gaussian draws is good to ~1.1 %: allow 5 %.
    CHECK(m.sigma / c.energy == Approx(expected).epsilon(0.05));
  }
  CHECK(em_resolution(defaults, 100) == Approx(std::hypot(0.01, 0.01)));
  CHECK(hadron_resolution(defaults, 100) == Approx(std::hypot(0.05, 0.03)));
}

TEST_CASE("detector: muons and neutrinos leave no tower, a muon leaves a track, a neutrino nothing") {
  Event event;
  event.particles.push_back(make(13, -1, 40, 0.5, 1.0, 0.1056583755));
  event.particles.push_back(make(-14, 0, 30, -0.7, -2.0));
  CHECK(detector(DetectorLevel::towers).simulate(event, 1).particles.empty());
  const Event tracked = detector(DetectorLevel::towers_and_tracks, 1.0).simulate(event, 1);
  REQUIRE(tracked.particles.size() == 1);
  CHECK(tracked.particles[0].pid == 13);
  CHECK(tracked.particles[0].charge == -1);
  CHECK(std::hypot(tracked.particles[0].px, tracked.particles[0].py) == Approx(40).epsilon(0.06));
}

TEST_CASE("detector: tracks are found with ~90 % efficiency and sigma(pT)/pT = 1 % (+) 0.01 % x pT") {
  const Detector tracker = detector(DetectorLevel::towers_and_tracks);
  Event event;
  // 2000 charged pions spread over the acceptance, 100 GeV each, one per event for the resolution.
  int found = 0;
  std::vector<double> ratios;
  const int n = 4000;
  Random random(5);
  for (int i = 0; i < n; ++i) {
    event.particles = {make(211, +1, 100, random.uniform(-2.4, 2.4), random.phi(), 0.13957039)};
    event.number = static_cast<std::uint64_t>(i);
    for (const auto& p : tracker.simulate(event, 7).particles) {
      if (p.charge == 0) continue;
      ++found;
      CHECK(p.pid == 211);
      ratios.push_back(std::hypot(p.px, p.py) / 100);
    }
  }
  // Binomial standard error ~0.005.
  CHECK(static_cast<double>(found) / n == Approx(0.9).margin(0.02));
  const MeanSigma m = mean_sigma(ratios);
  CHECK(m.mean == Approx(1).margin(0.002));
  CHECK(m.sigma == Approx(std::hypot(0.01, 0.01)).epsilon(0.06));

  // Below 0.5 GeV or beyond |eta| = 2.5 there is no track; a kaon's track is called a pion.
  event.particles = {make(211, -1, 0.4, 0.0, 0.0, 0.13957039), make(321, +1, 20, 2.7, 1.0, 0.493677),
                     make(-321, -1, 20, -1.0, 2.0, 0.493677)};
  const Event out = detector(DetectorLevel::towers_and_tracks, 1.0).simulate(event, 3);
  int tracks = 0;
  for (const auto& p : out.particles) {
    if (p.charge == 0) continue;
    ++tracks;
    CHECK(p.pid == -211);
    CHECK(p.e * p.e - (p.px * p.px + p.py * p.py + p.pz * p.pz) == Approx(0.13957039 * 0.13957039).margin(1e-6));
  }
  CHECK(tracks == 1);
}

TEST_CASE("detector: one tower sums its cell, distinct cells give distinct towers, soft towers are dropped") {
  const Detector towers = detector(DetectorLevel::towers);
  Event event;
  // Cell edges: eta at multiples of 0.1, phi at -pi + k 2pi/63 (0.0498 and 0.1495 around these).
  event.particles = {make(22, 0, 5, 0.02, 0.06), make(22, 0, 5, 0.07, 0.13)};  // one cell
  Event out = towers.simulate(event, 11);
  REQUIRE(out.particles.size() == 1);
  CHECK(out.particles[0].e == Approx(10).epsilon(0.15));
  event.particles = {make(22, 0, 5, 0.05, 0.05), make(22, 0, 5, 0.55, 0.05), make(130, 0, 5, 0.05, 1.05)};
  CHECK(towers.simulate(event, 11).particles.size() == 3);
  // A 0.2 GeV photon is five standard deviations below the 0.5 GeV threshold.
  event.particles = {make(22, 0, 0.2, 0.05, 0.05)};
  for (std::uint64_t seed = 0; seed < 50; ++seed) CHECK(towers.simulate(event, seed).particles.empty());
  // Outside |eta| < 2.5 nothing is measured.
  event.particles = {make(22, 0, 5, 2.6, 0.05), make(211, 1, 5, -3.0, 0.05, 0.13957039)};
  CHECK(detector(DetectorLevel::towers_and_tracks, 1.0).simulate(event, 1).particles.empty());
}

TEST_CASE("detector: particle flow keeps tracks and only the neutral excess of a tower, labelled 22 or 130") {
  const Detector flow = detector(DetectorLevel::towers_and_tracks, 1.0);
  Event event;
  event.particles = {make(211, 1, 20, 0.05, 0.05, 0.13957039), make(22, 0, 20, 0.06, 0.06)};
  std::vector<double> neutral;
  int lone_neutrals = 0;
  const int n = 500;
  for (int i = 0; i < n; ++i) {
    event.number = static_cast<std::uint64_t>(i);
    const Event out = flow.simulate(event, 13);
    int tracks = 0;
    for (const auto& p : out.particles) {
      if (p.charge != 0) {
        ++tracks;
        continue;
      }
      CHECK(p.pid == 22);
      neutral.push_back(p.e);
    }
    CHECK(tracks == 1);
    // A lone pion: a neutral appears only when the calorimeter fluctuates 1 sigma above the track (~16 %).
    Event lone;
    lone.number = event.number;
    lone.particles = {event.particles[0]};
    for (const auto& p : flow.simulate(lone, 13).particles) {
      if (p.charge == 0) ++lone_neutrals;
    }
  }
  // The photon survives whenever its energy is significant; its mean is the photon's 20 GeV within the
  // pion's calorimeter fluctuation.
  CHECK(static_cast<double>(neutral.size()) / n > 0.85);
  CHECK(mean_sigma(neutral).mean == Approx(20).margin(1));
  CHECK(static_cast<double>(lone_neutrals) / n == Approx(0.16).margin(0.06));
  // A neutral hadron beside the pion is labelled 130.
  event.particles = {make(211, 1, 5, 0.05, 0.05, 0.13957039), make(130, 0, 30, 0.06, 0.06, 0.497611)};
  const Event out = flow.simulate(event, 1);
  REQUIRE(out.particles.size() == 2);
  CHECK(out.particles[1].pid == 130);
}

TEST_CASE("detector: tracks keep their pile-up flag, a tower is pile-up when pile-up carries over half of it") {
  const Detector towers = detector(DetectorLevel::towers);
  Event event;
  event.particles = {make(22, 0, 10, 0.05, 0.05, 0, true), make(22, 0, 3, 0.06, 0.06, 0, false)};
  Event out = towers.simulate(event, 1);
  REQUIRE(out.particles.size() == 1);
  CHECK(out.particles[0].from_pileup);
  event.particles = {make(22, 0, 3, 0.05, 0.05, 0, true), make(22, 0, 10, 0.06, 0.06, 0, false)};
  out = towers.simulate(event, 1);
  REQUIRE(out.particles.size() == 1);
  CHECK(!out.particles[0].from_pileup);
  event.particles = {make(211, 1, 10, 0.05, 0.05, 0.13957039, true), make(211, -1, 10, 1.05, 1.05, 0.13957039)};
  out = detector(DetectorLevel::towers_and_tracks, 1.0).simulate(event, 1);
  REQUIRE(out.particles.size() >= 2);
  CHECK(out.particles[0].from_pileup);
  CHECK(!out.particles[1].from_pileup);
}

TEST_CASE("detector: the same seed and event number give the same output, another seed another, names parse") {
  GeneratorOptions options;
  options.process = Process::top;
  options.seed = 3;
  options.pileup_mu = 5;
  const Event truth = Generator(options).next();
  const Detector flow = detector(DetectorLevel::towers_and_tracks);
  const Event a = flow.simulate(truth, 42), b = flow.simulate(truth, 42), c = flow.simulate(truth, 43);
  REQUIRE(a.particles.size() == b.particles.size());
  for (std::size_t i = 0; i < a.particles.size(); ++i) CHECK(a.particles[i].e == b.particles[i].e);
  bool differs = a.particles.size() != c.particles.size();
  for (std::size_t i = 0; !differs && i < a.particles.size(); ++i) differs = a.particles[i].e != c.particles[i].e;
  CHECK(differs);
  CHECK(a.number == truth.number);
  CHECK(detector(DetectorLevel::none).simulate(truth, 1).particles.size() == truth.particles.size());

  CHECK(parse_detector_level("towers+tracks") == DetectorLevel::towers_and_tracks);
  CHECK(detector_level_name(DetectorLevel::towers) == "towers");
  REQUIRE_THROWS_WITH(parse_detector_level("tracks"),
                      "unknown detector level 'tracks' (known: none, towers, towers+tracks)");
  DetectorOptions bad;
  bad.track_efficiency = 1.5;
  REQUIRE_THROWS_AS(Detector(bad), jetstudy::core::InputError);
}

TEST_CASE("detector: W jets through towers and through particle flow keep a median mass within 10 GeV") {
  GeneratorOptions options;
  options.process = Process::w;
  options.pt_min_gev = 250;
  options.pt_max_gev = 300;
  options.seed = 2024;
  std::vector<double> particle_level, towers_level, flow_level;
  Generator generator(options);
  const Detector towers = detector(DetectorLevel::towers), flow = detector(DetectorLevel::towers_and_tracks);
  for (int i = 0; i < 800; ++i) {
    const Event event = generator.next();
    particle_level.push_back(cone_mass(event, 0.8));
    towers_level.push_back(cone_mass(towers.simulate(event, 1), 0.8));
    flow_level.push_back(cone_mass(flow.simulate(event, 1), 0.8));
  }
  const double truth = median(particle_level);
  CAPTURE(truth, median(towers_level), median(flow_level));
  CHECK(truth > 70);
  CHECK(truth < 100);
  CHECK(median(towers_level) == Approx(truth).margin(10));
  CHECK(median(flow_level) == Approx(truth).margin(10));

  // The Generator applies the same model when asked.
  options.detector = DetectorLevel::towers_and_tracks;
  Generator detected(options);
  CHECK(detected.description().find("detector towers+tracks") != std::string::npos);
  for (int i = 0; i < 20; ++i) {
    for (const auto& p : detected.next().particles) {
      const int kind = std::abs(p.pid);
      CHECK((kind == 211 || kind == 11 || kind == 13 || kind == 22 || kind == 130));
      if (p.charge == 0) CHECK(p.e * p.e - (p.px * p.px + p.py * p.py + p.pz * p.pz) == Approx(0).margin(1e-6 * p.e * p.e));
    }
  }
}
