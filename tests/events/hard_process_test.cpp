#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "toolkit/events/generator/hard_process.h"

using namespace jetstudy::events::generator;

namespace {
FourVector sum_seeds(const HardScatter& scatter) {
  FourVector total;
  for (const auto& seed : scatter.seeds) total += seed.parton.momentum;
  return total;
}
}  // namespace

TEST_CASE("hard_process: a two-body decay conserves four-momentum and puts daughters on their masses") {
  Random random(7);
  const FourVector parent = FourVector::from_pt_eta_phi_m(300, 0.5, 1.0, 172.5);
  for (int i = 0; i < 100; ++i) {
    const TwoBody d = decay_two_body(parent, 4.8, 80.4, random);
    const FourVector total = d.first + d.second;
    CHECK(total.e == Approx(parent.e).epsilon(1e-12));
    CHECK(total.px == Approx(parent.px).epsilon(1e-12));
    CHECK(total.pz == Approx(parent.pz).epsilon(1e-12));
    CHECK(d.first.m() == Approx(4.8).epsilon(1e-6));
    CHECK(d.second.m() == Approx(80.4).epsilon(1e-9));
  }
}

TEST_CASE("hard_process: W masses follow the Breit-Wigner (median at the pole, within the window)") {
  Random random(3);
  std::vector<double> masses;
  for (int i = 0; i < 4000; ++i) masses.push_back(sample_breit_wigner({80.4, 2.1}, 1e9, random));
  std::sort(masses.begin(), masses.end());
  CHECK(masses[masses.size() / 2] == Approx(80.4).margin(0.15));
  // Half the events within one half-width of the pole (a Cauchy's quartiles), a little more after truncation.
  const double q25 = masses[masses.size() / 4], q75 = masses[3 * masses.size() / 4];
  CHECK(q75 - q25 == Approx(2.1).margin(0.25));
  CHECK(masses.front() >= 80.4 - 21.0);
  CHECK(masses.back() <= 80.4 + 21.0);
}

TEST_CASE("hard_process: W, Z and H decay into a quark pair with the boson's mass and the sampled pT") {
  PartonShower shower;
  for (const Process process : {Process::w, Process::z, Process::h}) {
    GeneratorOptions options;
    options.process = process;
    options.pt_min_gev = 250;
    options.pt_max_gev = 300;
    const HardProcess hard(options, shower);
    Random random(11);
    for (int i = 0; i < 200; ++i) {
      const HardScatter scatter = hard.sample(random);
      REQUIRE(scatter.seeds.size() == 2);
      REQUIRE(scatter.decays.size() == 1);
      const FourVector total = sum_seeds(scatter);
      CHECK(total.m() == Approx(scatter.object.m()).epsilon(1e-9));
      CHECK(scatter.object.pt() >= 250);
      CHECK(scatter.object.pt() <= 300);
      CHECK(std::abs(scatter.object.pz) < 1e-9);  // built at zero rapidity
      CHECK(std::abs(scatter.object.boosted_z(scatter.rapidity).eta()) <= 2.0 + 1e-9);
      // Quark and antiquark; the dipole's opening angle bounds both showers.
      const int pid1 = scatter.seeds[0].parton.pid, pid2 = scatter.seeds[1].parton.pid;
      CHECK(pid1 * pid2 < 0);
      if (process != Process::w) CHECK(pid1 == -pid2);
      CHECK(scatter.seeds[0].max_angle ==
            Approx(angle_between(scatter.seeds[0].parton.momentum.p3(), scatter.seeds[1].parton.momentum.p3())));
      if (process == Process::h) CHECK(std::abs(scatter.seeds[0].parton.pid) == 5);
      if (process != Process::h) CHECK(std::abs(scatter.seeds[0].parton.pid) <= 4);
    }
  }
}

TEST_CASE("hard_process: a top decays to b q qbar' whose W pair has the W's mass and whose sum is the top") {
  PartonShower shower;
  GeneratorOptions options;
  options.process = Process::top;
  const HardProcess hard(options, shower);
  Random random(5);
  int radiated = 0;
  for (int i = 0; i < 300; ++i) {
    const HardScatter scatter = hard.sample(random);
    REQUIRE(scatter.decays.size() == 2);
    const ResonanceDecay& w = scatter.decays[0];
    const ResonanceDecay& top = scatter.decays[1];
    REQUIRE(top.seeds.size() == 3);
    const FourVector w_pair = scatter.seeds[w.seeds[0]].parton.momentum + scatter.seeds[w.seeds[1]].parton.momentum;
    CHECK(w_pair.m() == Approx(w.parent.m()).epsilon(1e-6));
    CHECK(w.parent.m() >= 80.4 - 21.0);  // the Breit-Wigner window: +-10 widths
    CHECK(w.parent.m() <= 80.4 + 21.0);
    CHECK(std::abs(scatter.seeds[top.seeds[2]].parton.pid) == 5);
    // Energy is conserved: gluons the top radiated plus its decay products give the top's energy.
    CHECK(sum_seeds(scatter).e == Approx(scatter.object.e).epsilon(1e-9));
    CHECK(top.parent.m() == Approx(scatter.object.m()).epsilon(1e-6));
    radiated += static_cast<int>(scatter.seeds.size()) - 3;  // gluons besides b, q, qbar'
    for (std::size_t k = 0; k + 3 < scatter.seeds.size(); ++k) CHECK(scatter.seeds[k].parton.pid == 21);
  }
  CHECK(radiated > 0);  // a boosted top radiates gluons outside its dead cone in some events
}

TEST_CASE("hard_process: a QCD event is a single light quark or gluon, in the requested proportion") {
  PartonShower shower;
  GeneratorOptions options;
  options.process = Process::qcd;
  options.quark_fraction = 0.3;
  const HardProcess hard(options, shower);
  Random random(9);
  int quarks = 0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    const HardScatter scatter = hard.sample(random);
    REQUIRE(scatter.seeds.size() == 1);
    CHECK(scatter.seeds[0].max_angle == HardProcess::kQcdMaxAngle);
    const int pid = scatter.seeds[0].parton.pid;
    if (pid != 21) {
      ++quarks;
      CHECK(std::abs(pid) <= 3);
    }
    CHECK(scatter.seeds[0].parton.momentum.m2() == Approx(0).margin(1e-6));
  }
  CHECK(static_cast<double>(quarks) / n == Approx(0.3).margin(0.03));
}

TEST_CASE("hard_process: the quark process gives only light quarks and gluon only gluons, whatever quark_fraction") {
  PartonShower shower;
  for (const Process process : {Process::quark, Process::gluon}) {
    GeneratorOptions options;
    options.process = process;
    options.quark_fraction = 0.5;  // ignored: the process forces the parton's kind
    options.pt_min_gev = 200;
    options.pt_max_gev = 220;
    const HardProcess hard(options, shower);
    Random random(17);
    int quarks = 0, flavours[4] = {0, 0, 0, 0};
    const int n = 1500;
    for (int i = 0; i < n; ++i) {
      const HardScatter scatter = hard.sample(random);
      REQUIRE(scatter.seeds.size() == 1);
      CHECK(scatter.decays.empty());
      CHECK(scatter.seeds[0].max_angle == HardProcess::kQcdMaxAngle);
      CHECK(scatter.object.pt() >= 200 - 1e-9);
      CHECK(scatter.object.pt() <= 220 + 1e-9);
      const int pid = scatter.seeds[0].parton.pid;
      if (pid != 21) {
        ++quarks;
        REQUIRE(std::abs(pid) <= 3);
        ++flavours[std::abs(pid)];
      }
    }
    if (process == Process::quark) {
      CHECK(quarks == n);
      for (int flavour = 1; flavour <= 3; ++flavour) CHECK(flavours[flavour] == Approx(n / 3.0).margin(0.1 * n));
    } else {
      CHECK(quarks == 0);
    }
  }
}
