#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/four_vector.h"
#include "toolkit/events/generator/generator.h"

using namespace jetstudy::events::generator;
using jetstudy::events::Event;

namespace {
GeneratorOptions options_for(Process process, std::uint64_t seed = 1) {
  GeneratorOptions options;
  options.process = process;
  options.seed = seed;
  return options;
}

// W events without the underlying event, the W's pT in [pt_min, pt_max] GeV: the event carries the W's energy.
Generator w_without_underlying_event(std::uint64_t seed, double pt_min, double pt_max) {
  auto options = options_for(Process::w, seed);
  options.underlying_event = false;
  options.pt_min_gev = pt_min;
  options.pt_max_gev = pt_max;
  return Generator(options);
}

FourVector total(const Event& event) {
  FourVector sum;
  for (const auto& p : event.particles) sum += FourVector{p.px, p.py, p.pz, p.e};
  return sum;
}

bool same_events(const Event& a, const Event& b) {
  if (a.particles.size() != b.particles.size()) return false;
  for (std::size_t i = 0; i < a.particles.size(); ++i) {
    const auto &p = a.particles[i], &q = b.particles[i];
    if (p.px != q.px || p.py != q.py || p.pz != q.pz || p.e != q.e || p.pid != q.pid || p.charge != q.charge ||
        p.from_pileup != q.from_pileup) {
      return false;
    }
  }
  return true;
}
}  // namespace

TEST_CASE("generator: the same seed gives identical events, a different seed different ones") {
  for (const Process process : {Process::qcd, Process::top}) {
    auto options = options_for(process, 42);
    options.pileup_mu = 3;
    Generator a(options), b(options);
    options.seed = 43;
    Generator c(options);
    for (int i = 0; i < 20; ++i) {
      const Event ea = a.next(), eb = b.next(), ec = c.next();
      CHECK(ea.number == static_cast<std::uint64_t>(i));
      CHECK(same_events(ea, eb));
      CHECK(!same_events(ea, ec));
    }
  }
}

TEST_CASE("generator: impossible pT windows and fractions are input errors that say what is right") {
  auto options = options_for(Process::w);
  options.pt_min_gev = 500;
  options.pt_max_gev = 400;
  REQUIRE_THROWS_AS(Generator(options), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(Generator(options), Catch::Matchers::Contains("must not exceed pt_max"));
  options.pt_min_gev = 0;
  REQUIRE_THROWS_WITH(Generator(options), Catch::Matchers::Contains("pt_min must be > 0 GeV"));
  options.pt_min_gev = -5;
  REQUIRE_THROWS_AS(Generator(options), jetstudy::core::InputError);
  options = options_for(Process::qcd);
  options.quark_fraction = 1.5;
  REQUIRE_THROWS_WITH(Generator(options), Catch::Matchers::Contains("quark_fraction must be in [0, 1]"));
  options = options_for(Process::qcd);
  options.pileup_mu = -1;
  REQUIRE_THROWS_WITH(Generator(options), Catch::Matchers::Contains("pile-up mu"));
}

TEST_CASE("generator: a pT window or W' mass beyond the LHC's 14 TeV is an input error naming the reach") {
  auto options = options_for(Process::w);
  options.pt_min_gev = 20000;
  options.pt_max_gev = 30000;
  REQUIRE_THROWS_WITH(Generator(options), "generator: pT up to 30000 GeV cannot be produced at the LHC's sqrt(s) = "
                                          "14 TeV: one object of a collision carries at most sqrt(s)/2 = 7000 GeV of "
                                          "energy, so the pT of the hard object (w, mass up to 101.4 GeV) stays "
                                          "below 6999.27 GeV; choose pt_max below that");
  // The window's top end counts: a window starting below the reach but ending above it is refused too.
  options = options_for(Process::top);
  options.pt_min_gev = 6000;
  options.pt_max_gev = 6998;
  REQUIRE_THROWS_WITH(Generator(options), Catch::Matchers::Contains("(top, mass up to 186.5 GeV) stays below 6997.52"));
  options.pt_max_gev = 6997;
  REQUIRE_NOTHROW(Generator(options));
  options = options_for(Process::wprime);
  options.wprime_mass_gev = 20000;
  options.pt_min_gev = 250;
  options.pt_max_gev = 300;
  REQUIRE_THROWS_WITH(Generator(options), "generator: a W' of 20000 GeV cannot be produced at the LHC's sqrt(s) = "
                                          "14 TeV; choose wprime_mass_gev below 14000 GeV");
}

TEST_CASE("generator: a multi-TeV object carries at most sqrt(s)/2, its |eta| narrowed to fit") {
  // A W: its shower and hadronisation keep energy exactly, so the event carries the W's energy.
  Generator generator = w_without_underlying_event(9, 4000, 4500);
  // E^2 = mT^2 + pz^2 <= 7000^2: |eta| < asinh(sqrt(7000^2 - mT^2) / pT) = 1.16 at the window's low end.
  double largest_abs_eta = 0;
  for (int i = 0; i < 300; ++i) {
    const FourVector sum = total(generator.next());
    CHECK(sum.e <= 7000 * (1 + 1e-9));
    largest_abs_eta = std::max(largest_abs_eta, std::abs(sum.eta()));
  }
  CHECK(largest_abs_eta < 1.17);
  CHECK(largest_abs_eta > 1.0);  // narrowed, not collapsed
}

TEST_CASE("generator: without UE a W event carries the W's energy, pT and mass, all particles on shell") {
  Generator generator = w_without_underlying_event(5, 250, 300);
  for (int i = 0; i < 300; ++i) {
    const Event event = generator.next();
    const FourVector sum = total(event);
    // Hadronisation conserves energy, not momentum: the total mass grows a little above the W's.
    CHECK(sum.m() > 55);
    CHECK(sum.m() < 110);
    CHECK(sum.pt() > 245);
    CHECK(sum.pt() < 305);
    CHECK(std::abs(sum.eta()) < 2.05);
    for (const auto& p : event.particles) {
      REQUIRE(std::isfinite(p.px + p.py + p.pz + p.e));
      CHECK(p.e * p.e - (p.px * p.px + p.py * p.py + p.pz * p.pz) >= -1e-6 * p.e * p.e);
      CHECK(!p.from_pileup);
    }
  }
}

TEST_CASE("generator: a QCD event is one massive jet with the parton's pT, no NaNs") {
  auto options = options_for(Process::qcd, 6);
  options.underlying_event = false;
  Generator generator(options);
  for (int i = 0; i < 300; ++i) {
    const Event event = generator.next();
    const FourVector sum = total(event);
    // The showered parton keeps its three-momentum (pT in [350, 450]); hadronisation keeps the
    // energy of each parton, so the pT moves by a few GeV at most.
    CHECK(sum.pt() > 345);
    CHECK(sum.pt() < 455);
    CHECK(std::abs(sum.rapidity()) < 2.01);  // |eta| < 2 of the parton is |y| < 2 of the massive jet
    CHECK(sum.m() < sum.pt());
    for (const auto& p : event.particles) REQUIRE(std::isfinite(p.px + p.py + p.pz + p.e));
  }
}

TEST_CASE("generator: pile-up particles are flagged, hard-scatter and UE particles are not") {
  auto options = options_for(Process::top, 7);
  options.pileup_mu = 10;
  Generator generator(options);
  double pileup = 0, hard = 0;
  for (int i = 0; i < 50; ++i) {
    for (const auto& p : generator.next().particles) (p.from_pileup ? pileup : hard) += 1;
  }
  // ~10 interactions x 72 particles against ~100 hard-scatter + 72 UE particles per event.
  CHECK(pileup / 50 == Approx(720).epsilon(0.15));
  CHECK(hard / 50 > 100);
  CHECK(hard / 50 < 400);
  CHECK(Generator(options).description() ==
        "built-in generator: top, pT 350-450 GeV flat, |eta| < 2, underlying event on, pile-up mu 10, seed 7");
}

TEST_CASE("generator: gluon jets have more constituents than quark jets at the same pT") {
  // Without underlying event or pile-up every particle comes from the lone parton's shower: the jet.
  auto multiplicity = [](Process process) {
    GeneratorOptions options = options_for(process, 5);
    options.pt_min_gev = 200;
    options.pt_max_gev = 220;
    options.underlying_event = false;
    Generator generator(options);
    double particles = 0, pt = 0;
    const int n = 400;
    for (int i = 0; i < n; ++i) {
      const Event event = generator.next();
      particles += static_cast<double>(event.particles.size());
      pt += total(event).pt();
    }
    return std::pair{particles / n, pt / n};
  };
  const auto [quark_particles, quark_pt] = multiplicity(Process::quark);
  const auto [gluon_particles, gluon_pt] = multiplicity(Process::gluon);
  // Same pT: the window's middle, 210 GeV, for both.
  CHECK(quark_pt == Approx(210).margin(3));
  CHECK(gluon_pt == Approx(210).margin(3));
  // Casimir scaling C_A / C_F = 9/4 of the radiation; hadron multiplicities differ by less (~1.5 at LEP).
  CHECK(gluon_particles > 1.25 * quark_particles);
  CHECK(quark_particles > 5);
  CHECK(gluon_particles < 100);
  // qcd with quark_fraction 1 is the quark process event for event (same seed, same draws).
  GeneratorOptions qcd = options_for(Process::qcd, 8), quark = options_for(Process::quark, 8);
  qcd.quark_fraction = 1;
  Generator a(qcd), b(quark);
  for (int i = 0; i < 5; ++i) CHECK(same_events(a.next(), b.next()));
  CHECK_THAT(Generator(options_for(Process::gluon)).description(), Catch::Matchers::StartsWith("built-in generator: gluon"));
}
