// The W' -> W Z process, polarised boson decays and the falling pT spectrum of the built-in generator.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/events/generator/hard_process.h"

using namespace jetstudy::events::generator;

namespace {
GeneratorOptions wprime_options(double pt_min, double pt_max) {
  GeneratorOptions options;
  options.process = Process::wprime;
  options.pt_min_gev = pt_min;
  options.pt_max_gev = pt_max;
  return options;
}

// cos of the angle of `daughter` to the boson's flight direction in `mother`'s rest frame, in the boson's
// rest frame.
double helicity_cos(const FourVector& boson, const FourVector& mother, const FourVector& daughter) {
  const ThreeVector to_rest = -1.0 * boson.boost_vector();
  const ThreeVector axis = (-1.0 * mother.boosted(to_rest).p3()).unit();
  return dot(axis, daughter.boosted(to_rest).p3().unit());
}
}  // namespace

TEST_CASE("wprime: the W has its pT in the window, the W and Z pairs the boson masses, W + Z the W' mass") {
  PartonShower shower;
  const GeneratorOptions options = wprime_options(250, 300);
  const HardProcess hard(options, shower);
  Random random(17);
  std::vector<double> wprime_masses;
  for (int i = 0; i < 500; ++i) {
    const HardScatter scatter = hard.sample(random);
    REQUIRE(scatter.seeds.size() == 4);
    REQUIRE(scatter.decays.size() == 2);
    const FourVector w = scatter.decays[0].parent, z = scatter.decays[1].parent;
    CHECK(w.pt() >= 250);
    CHECK(w.pt() <= 300);
    CHECK(std::abs(w.pz) < 1e-9);  // built in the W's zero-rapidity frame
    CHECK(std::abs(w.boosted_z(scatter.rapidity).eta()) <= 2.0 + 1e-9);
    CHECK((scatter.seeds[0].parton.momentum + scatter.seeds[1].parton.momentum).m() == Approx(w.m()).epsilon(1e-6));
    CHECK((scatter.seeds[2].parton.momentum + scatter.seeds[3].parton.momentum).m() == Approx(z.m()).epsilon(1e-6));
    CHECK(w.m() > 59);
    CHECK(w.m() < 102);
    CHECK(z.m() > 66);
    CHECK(z.m() < 117);
    // W -> q qbar' (down-type first), Z -> q qbar.
    CHECK(std::abs(scatter.seeds[0].parton.pid) % 2 == 1);
    CHECK(scatter.seeds[0].parton.pid * scatter.seeds[1].parton.pid < 0);
    CHECK(scatter.seeds[2].parton.pid == -scatter.seeds[3].parton.pid);
    wprime_masses.push_back((w + z).m());
  }
  std::sort(wprime_masses.begin(), wprime_masses.end());
  CHECK(wprime_masses[wprime_masses.size() / 2] == Approx(800).margin(8));
}

TEST_CASE("wprime: the W from the W' is longitudinal -- its decay angle follows sin^2, <cos^2> = 1/5") {
  PartonShower shower;
  const HardProcess hard(wprime_options(250, 350), shower);
  Random random(19);
  double sum_c2 = 0;
  const int n = 3000;
  for (int i = 0; i < n; ++i) {
    const HardScatter scatter = hard.sample(random);
    const FourVector w = scatter.decays[0].parent, z = scatter.decays[1].parent;
    const double c = helicity_cos(w, w + z, scatter.seeds[0].parton.momentum);
    sum_c2 += c * c;
  }
  // Isotropic would give 1/3; the standard error of the mean of c^2 here is ~0.004.
  CHECK(sum_c2 / n == Approx(0.2).margin(0.015));
}

TEST_CASE("wprime: helicity angles have the (1 -+ c)^2 and 1 - c^2 shapes, and a polar decay keeps its angle") {
  Random random(23);
  const int n = 20000;
  for (const int helicity : {-1, 0, +1}) {
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
      const double c = sample_helicity_cos_theta(helicity, random);
      REQUIRE(std::abs(c) <= 1);
      sum += c;
      sum2 += c * c;
    }
    // <c> = -1/2, 0, +1/2; <c^2> = 2/5, 1/5, 2/5.
    CHECK(sum / n == Approx(0.5 * helicity).margin(0.012));
    CHECK(sum2 / n == Approx(helicity == 0 ? 0.2 : 0.4).margin(0.01));
  }
  const FourVector parent = FourVector::from_pt_eta_phi_m(300, 0.4, 0.3, 80.4);
  const ThreeVector axis{0.2, -0.5, 0.8};
  for (const double c : {-0.9, 0.0, 0.35, 1.0}) {
    const TwoBody d = decay_two_body_polar(parent, 0, 0, axis, c, random);
    const FourVector sum = d.first + d.second;
    CHECK(sum.e == Approx(parent.e).epsilon(1e-12));
    CHECK(sum.px == Approx(parent.px).epsilon(1e-12));
    const FourVector in_rest = d.first.boosted(-1.0 * parent.boost_vector());
    CHECK(dot(in_rest.p3().unit(), axis.unit()) == Approx(c).margin(1e-9));
  }
}

TEST_CASE("wprime: a W pT window above what the W' can give is an input error naming the reach") {
  GeneratorOptions options = wprime_options(450, 500);
  REQUIRE_THROWS_AS(Generator(options), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(Generator(options), Catch::Matchers::Contains("pT up to about 390.") &&
                                              Catch::Matchers::Contains("raise wprime_mass_gev"));
  options.wprime_mass_gev = 150;
  REQUIRE_THROWS_WITH(Generator(options), Catch::Matchers::Contains("above the W Z threshold"));
  options = wprime_options(450, 500);
  options.wprime_mass_gev = 1200;  // W's up to ~595 GeV
  CHECK_NOTHROW(Generator(options));
  CHECK(wprime_w_momentum_gev(800) == Approx(390.7).margin(0.1));
}

TEST_CASE("wprime: generated events hold both boson jets, or the W and two neutrinos when the Z is invisible") {
  GeneratorOptions options = wprime_options(250, 300);
  options.underlying_event = false;
  options.seed = 29;
  for (const bool invisible : {false, true}) {
    options.wprime_z_invisible = invisible;
    Generator generator(options);
    CHECK(generator.description().find(invisible ? "Z -> nu nu" : "Z -> q q") != std::string::npos);
    std::vector<double> masses;
    for (int i = 0; i < 200; ++i) {
      const auto event = generator.next();
      FourVector total;
      int neutrinos = 0;
      for (const auto& p : event.particles) {
        total += FourVector{p.px, p.py, p.pz, p.e};
        if (std::abs(p.pid) == 12 || std::abs(p.pid) == 14 || std::abs(p.pid) == 16) ++neutrinos;
      }
      if (invisible) CHECK(neutrinos >= 2);
      masses.push_back(total.m());
    }
    // Everything together is the W' (hadronisation keeps energy, not momentum: a few GeV up).
    std::sort(masses.begin(), masses.end());
    CHECK(masses[masses.size() / 2] == Approx(800).margin(25));
  }
}

TEST_CASE("wprime: a falling spectrum follows pT^-n (its mean), a flat one is uniform, names parse") {
  GeneratorOptions options;
  options.pt_min_gev = 200;
  options.pt_max_gev = 800;
  options.pt_spectrum = PtSpectrum::falling;
  options.pt_power = 5;
  Random random(31);
  const int n = 40000;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const double pt = sample_pt(options, random);
    REQUIRE(pt >= 200);
    REQUIRE(pt <= 800);
    sum += pt;
  }
  // <pT> = (n-1)/(n-2) (a^(2-n) - b^(2-n)) / (a^(1-n) - b^(1-n)).
  const double a = 200, b = 800, k = 5;
  const double expected = (k - 1) / (k - 2) * (std::pow(a, 2 - k) - std::pow(b, 2 - k)) /
                          (std::pow(a, 1 - k) - std::pow(b, 1 - k));
  CHECK(sum / n == Approx(expected).epsilon(0.005));
  options.pt_spectrum = PtSpectrum::flat;
  sum = 0;
  for (int i = 0; i < n; ++i) sum += sample_pt(options, random);
  CHECK(sum / n == Approx(500).epsilon(0.01));

  CHECK(parse_process("wprime") == Process::wprime);
  CHECK(process_name(Process::wprime) == "wprime");
  CHECK(parse_pt_spectrum("falling") == PtSpectrum::falling);
  REQUIRE_THROWS_WITH(parse_pt_spectrum("steep"), "unknown pT spectrum 'steep' (known: flat, falling)");
  options.pt_spectrum = PtSpectrum::falling;
  options.pt_power = -1;
  REQUIRE_THROWS_WITH(Generator(options), Catch::Matchers::Contains("pt_power"));
  options.pt_power = 5;
  CHECK(Generator(options).description().find("pT 200-800 GeV falling as pT^-5") != std::string::npos);
}

TEST_CASE("wprime: a --pt MIN:MAX window parses into the options, anything else names the expected form") {
  GeneratorOptions options;
  parse_pt_window("250:300.5", options);
  CHECK(options.pt_min_gev == 250);
  CHECK(options.pt_max_gev == 300.5);
  for (const char* bad : {"250", "250-300", "a:300", "250:300GeV", ":"}) {
    REQUIRE_THROWS_WITH(parse_pt_window(bad, options),
                        "--pt expects MIN:MAX in GeV, e.g. 250:300 (got '" + std::string(bad) + "')");
  }
}
