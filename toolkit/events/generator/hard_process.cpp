#include "toolkit/events/generator/hard_process.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/particle_data.h"

namespace jetstudy::events::generator {

ResonanceShape resonance_shape(Process process) {
  switch (process) {
    case Process::w: return {80.4, 2.1};
    case Process::z: return {91.19, 2.5};
    case Process::h: return {125.0, 0.004};
    case Process::top: return {172.5, 1.4};
    case Process::qcd: case Process::quark: case Process::gluon: case Process::wprime: return {0, 0};
  }
  return {0, 0};
}

double sample_breit_wigner(ResonanceShape shape, double upper_limit_gev, Random& random) {
  const double low = std::max(0.0, shape.mass_gev - HardProcess::kBreitWignerWindow * shape.width_gev);
  const double high = std::min(upper_limit_gev, shape.mass_gev + HardProcess::kBreitWignerWindow * shape.width_gev);
  JETSTUDY_CHECK(high > low, "empty Breit-Wigner window");
  // Invert the Cauchy cumulative distribution restricted to [low, high].
  const double half_width = 0.5 * shape.width_gev;
  const double a = std::atan((low - shape.mass_gev) / half_width);
  const double b = std::atan((high - shape.mass_gev) / half_width);
  return shape.mass_gev + half_width * std::tan(random.uniform(a, b));
}

TwoBody decay_two_body(const FourVector& parent, double m1, double m2, Random& random) {
  const double mass = parent.m();
  JETSTUDY_CHECK(mass >= m1 + m2, "two-body decay below threshold");
  // Daughter momentum in the rest frame (PDG review "Kinematics", eq. 49.17).
  const double p = std::sqrt(std::max(0.0, (mass * mass - (m1 + m2) * (m1 + m2)) *
                                               (mass * mass - (m1 - m2) * (m1 - m2)))) / (2 * mass);
  const double cos_theta = random.uniform(-1, 1);
  const double sin_theta = std::sqrt(std::max(0.0, 1 - cos_theta * cos_theta));
  const double phi = random.phi();
  const ThreeVector direction{sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta};
  const ThreeVector beta = parent.boost_vector();
  return {FourVector::from_p_m(p * direction, m1).boosted(beta),
          FourVector::from_p_m((-p) * direction, m2).boosted(beta)};
}

TwoBody decay_two_body_polar(const FourVector& parent, double m1, double m2, ThreeVector axis, double cos_theta,
                             Random& random) {
  const double mass = parent.m();
  JETSTUDY_CHECK(mass >= m1 + m2, "two-body decay below threshold");
  const double p = std::sqrt(std::max(0.0, (mass * mass - (m1 + m2) * (m1 + m2)) *
                                               (mass * mass - (m1 - m2) * (m1 - m2)))) / (2 * mass);
  const double theta = std::acos(std::clamp(cos_theta, -1.0, 1.0));
  const ThreeVector direction = rotate_away(axis.unit(), theta, random.phi());
  const ThreeVector beta = parent.boost_vector();
  return {FourVector::from_p_m(p * direction, m1).boosted(beta),
          FourVector::from_p_m((-p) * direction, m2).boosted(beta)};
}

double sample_helicity_cos_theta(int helicity, Random& random) {
  // (1 +- c)^2 by inverting the cumulative (1 +- c)^3 / 8; 1 - c^2 by rejection from the flat density.
  if (helicity > 0) return 2 * std::cbrt(random.uniform()) - 1;
  if (helicity < 0) return 1 - 2 * std::cbrt(random.uniform());
  for (;;) {
    const double c = random.uniform(-1, 1);
    if (random.uniform() < 1 - c * c) return c;
  }
}

double sample_pt(const GeneratorOptions& options, Random& random) {
  const double low = options.pt_min_gev, high = options.pt_max_gev;
  if (options.pt_spectrum == PtSpectrum::flat || high <= low) return random.uniform(low, high);
  // Invert the cumulative of pT^-n on [low, high]; n = 1 is logarithmic.
  const double n = options.pt_power;
  const double u = random.uniform();
  if (std::abs(n - 1) < 1e-12) return low * std::pow(high / low, u);
  const double a = std::pow(low, 1 - n), b = std::pow(high, 1 - n);
  return std::pow(a + u * (b - a), 1 / (1 - n));
}

double wprime_w_momentum_gev(double wprime_mass_gev) {
  const double m1 = resonance_shape(Process::w).mass_gev, m2 = resonance_shape(Process::z).mass_gev;
  const double m = wprime_mass_gev;
  if (!(m > m1 + m2)) return 0;
  return std::sqrt((m * m - (m1 + m2) * (m1 + m2)) * (m * m - (m1 - m2) * (m1 - m2))) / (2 * m);
}

namespace {

// A W+ decays to u dbar or c sbar (CKM-diagonal, equal rates); a W- to the charge conjugates.
std::pair<int, int> w_decay_flavours(int w_charge, Random& random) {
  const bool second_family = random.chance(0.5);
  const int up = second_family ? pdg::kCharm : pdg::kUp;
  const int down = second_family ? pdg::kStrange : pdg::kDown;
  return w_charge > 0 ? std::pair{up, -down} : std::pair{down, -up};
}

// Z -> q qbar over the light flavours, weighted by the Z partial widths (down-type 0.22 : up-type 0.17).
int z_decay_flavour(Random& random) {
  const double r = random.uniform() * (2 * 0.22 + 2 * 0.17);
  if (r < 0.22) return pdg::kDown;
  if (r < 0.44) return pdg::kStrange;
  if (r < 0.61) return pdg::kUp;
  return pdg::kCharm;
}

void add_pair(HardScatter& scatter, const FourVector& parent, int pid1, int pid2, Random& random) {
  const TwoBody daughters = decay_two_body(parent, 0, 0, random);
  // Colour coherence: radiation of a colour singlet's daughters stays inside their dipole, i.e. within the
  // angle between them.
  const double opening = angle_between(daughters.first.p3(), daughters.second.p3());
  const int first = static_cast<int>(scatter.seeds.size());
  scatter.seeds.push_back({{daughters.first, pid1}, opening});
  scatter.seeds.push_back({{daughters.second, pid2}, opening});
  scatter.decays.push_back({parent, {first, first + 1}});
}

// A W (or Z) from the decay of `mother`, decaying with the given helicity: the first daughter pid1 leaves at
// the helicity angle. For a W pass the down-type (anti)quark first.
void add_polarised_pair(HardScatter& scatter, const FourVector& boson, const FourVector& mother, int helicity,
                        int pid1, int pid2, Random& random) {
  // The boson's flight direction in the mother's rest frame, seen from the boson's rest frame, is opposite to
  // the mother's momentum there.
  const ThreeVector axis = -1.0 * mother.boosted(-1.0 * boson.boost_vector()).p3();
  const TwoBody daughters =
      decay_two_body_polar(boson, 0, 0, axis, sample_helicity_cos_theta(helicity, random), random);
  const double opening = angle_between(daughters.first.p3(), daughters.second.p3());
  const int first = static_cast<int>(scatter.seeds.size());
  scatter.seeds.push_back({{daughters.first, pid1}, opening});
  scatter.seeds.push_back({{daughters.second, pid2}, opening});
  scatter.decays.push_back({boson, {first, first + 1}});
}

// W flavours with the down-type (anti)quark first: d, s have odd PDG codes.
std::pair<int, int> down_type_first(std::pair<int, int> flavours) {
  if (std::abs(flavours.first) % 2 == 1) return flavours;
  return {flavours.second, flavours.first};
}

// Helicity of the W in t -> b W (Czarnecki, Koerner & Piclum, arXiv:1005.2625): F0 = 0.687, FL = 0.311,
// FR = 0.002. Returned as the helicity seen by the down-type daughter (sample_helicity_cos_theta): the
// left-handed fraction is helicity -1 for the W+ of a top and +1 for the W- of an anti-top, and in both cases
// the down-type (anti)quark goes backwards, density (1 - c)^2.
int top_w_helicity(Random& random) {
  const double r = random.uniform();
  if (r < 0.687) return 0;
  if (r < 0.687 + 0.311) return -1;
  return +1;
}

}  // namespace

HardScatter HardProcess::sample_wprime(Random& random) const {
  const ResonanceShape wprime_shape{options_.wprime_mass_gev, kWprimeRelativeWidth * options_.wprime_mass_gev};
  const ResonanceShape w_shape = resonance_shape(Process::w), z_shape = resonance_shape(Process::z);
  for (long attempt = 0; attempt < kWprimeMaxAttempts; ++attempt) {
    const double mass = sample_breit_wigner(wprime_shape, 1e9, random);
    const double w_mass = sample_breit_wigner(w_shape, 1e9, random);
    const double z_mass = sample_breit_wigner(z_shape, 1e9, random);
    if (w_mass + z_mass >= mass) continue;
    // The W' from q qbar' annihilation: small pT from initial-state radiation, rapidity flat.
    const double pt = random.exponential(kWprimeMeanPtGeV);
    const double y_draw = random.uniform(-kWprimeAbsRapidityMax, kWprimeAbsRapidityMax);
    const double mt = std::hypot(pt, mass);
    if (mt >= kCollisionEnergyGev) continue;  // a Breit-Wigner tail beyond sqrt(s)
    // |y| < kWprimeAbsRapidityMax, narrowed where the W' would carry more than sqrt(s): mT cosh(y) <= sqrt(s).
    const double y = y_draw * (std::min(kWprimeAbsRapidityMax, std::acosh(kCollisionEnergyGev / mt)) /
                               kWprimeAbsRapidityMax);
    const double phi = random.phi();
    const FourVector wprime{pt * std::cos(phi), pt * std::sin(phi), mt * std::sinh(y), mt * std::cosh(y)};
    // Helicity +-1 along the beam decaying to two longitudinal bosons: |d^1_{+-1,0}|^2 ~ sin^2 theta*.
    const TwoBody wz = decay_two_body_polar(wprime, w_mass, z_mass, {0, 0, 1},
                                            sample_helicity_cos_theta(0, random), random);
    const double w_pt = wz.first.pt();
    if (w_pt < options_.pt_min_gev || w_pt > options_.pt_max_gev || std::abs(wz.first.eta()) > 2) continue;

    // Build in the W's zero-rapidity frame, like every other process.
    HardScatter scatter;
    scatter.rapidity = wz.first.rapidity();
    scatter.object = wz.first.boosted_z(-scatter.rapidity);
    const FourVector z = wz.second.boosted_z(-scatter.rapidity);
    const FourVector mother = wprime.boosted_z(-scatter.rapidity);
    const int charge = random.chance(0.5) ? +1 : -1;
    const auto [q1, q2] = down_type_first(w_decay_flavours(charge, random));
    add_polarised_pair(scatter, scatter.object, mother, 0, q1, q2, random);
    if (options_.wprime_z_invisible) {
      const int neutrino = random.chance(0.5) ? pdg::kElectronNeutrino : pdg::kMuonNeutrino;
      const TwoBody pair = decay_two_body_polar(z, 0, 0, -1.0 * mother.boosted(-1.0 * z.boost_vector()).p3(),
                                                sample_helicity_cos_theta(0, random), random);
      scatter.colourless.push_back({pair.first, neutrino, 0});
      scatter.colourless.push_back({pair.second, -neutrino, 0});
    } else {
      const int flavour = z_decay_flavour(random);
      add_polarised_pair(scatter, z, mother, 0, flavour, -flavour, random);
    }
    return scatter;
  }
  throw core::InputError("generator: no W from a " + std::to_string(options_.wprime_mass_gev) +
                         " GeV W' fell into the pT window [" + std::to_string(options_.pt_min_gev) + ", " +
                         std::to_string(options_.pt_max_gev) + "] GeV in " + std::to_string(kWprimeMaxAttempts) +
                         " tries; widen the window or move it below " +
                         std::to_string(wprime_w_momentum_gev(options_.wprime_mass_gev)) + " GeV");
}

HardScatter HardProcess::sample(Random& random) const {
  if (options_.process == Process::wprime) return sample_wprime(random);
  const double pt = sample_pt(options_, random);
  const double eta_draw = random.uniform(-kAbsEtaMax, kAbsEtaMax);
  const double phi = random.phi();
  const ResonanceShape shape = resonance_shape(options_.process);
  const double mass = is_lone_parton(options_.process) ? 0.0 : sample_breit_wigner(shape, 1e9, random);
  const double mt = std::hypot(pt, mass);
  // Flat in |eta| < kAbsEtaMax, narrowed where the object would carry more than sqrt(s)/2: E^2 = mT^2 + pz^2
  // <= (sqrt(s)/2)^2 bounds |pz| = pT sinh|eta| (only above ~1.9 TeV; the window is checked to be reachable).
  const double abs_eta_max = std::min(kAbsEtaMax, std::asinh(largest_momentum_gev(mt) / pt));
  const double eta = eta_draw * (abs_eta_max / kAbsEtaMax);

  HardScatter scatter;
  scatter.object = FourVector::from_pt_eta_phi_m(pt, 0, phi, mass);
  // The longitudinal boost that brings the object to pseudorapidity eta: pz = pT sinh(eta) = mT sinh(y).
  scatter.rapidity = std::asinh(pt * std::sinh(eta) / mt);

  switch (options_.process) {
    case Process::qcd:
    case Process::quark:
    case Process::gluon: {
      // The same random draws for all three, so a quark event is the qcd event whose coin came up quark.
      const bool quark = random.chance(effective_quark_fraction(options_));
      int pid = pdg::kGluon;
      if (quark) {
        // Light quarks u, d, s with equal probability, quark or antiquark.
        const int flavour = 1 + static_cast<int>(random.uniform() * 3);
        pid = random.chance(0.5) ? flavour : -flavour;
      }
      scatter.seeds.push_back({{scatter.object, pid}, kQcdMaxAngle});
      break;
    }
    case Process::w: {
      const int charge = random.chance(0.5) ? +1 : -1;
      const auto [q1, q2] = w_decay_flavours(charge, random);
      add_pair(scatter, scatter.object, q1, q2, random);
      break;
    }
    case Process::z: {
      const int flavour = z_decay_flavour(random);
      add_pair(scatter, scatter.object, flavour, -flavour, random);
      break;
    }
    case Process::h: add_pair(scatter, scatter.object, pdg::kBottom, -pdg::kBottom, random); break;
    case Process::wprime: break;  // sample_wprime
    case Process::top: {
      // The top radiates outside its dead cone (its colour partner is far away: the QCD cone), then decays
      // t -> b W+ (tbar -> bbar W-) and the W hadronically. The b is massless at parton level.
      const int sign = random.chance(0.5) ? +1 : -1;
      const FourVector top = shower_.radiate_heavy(scatter.object, mass, kQcdMaxAngle, random, scatter.seeds);
      const double w_mass = sample_breit_wigner(resonance_shape(Process::w), 0.999 * mass, random);
      const TwoBody top_decay = decay_two_body(top, 0, w_mass, random);
      const auto [q1, q2] = w_decay_flavours(sign, random);
      const int first = static_cast<int>(scatter.seeds.size());
      const int helicity = top_w_helicity(random);
      const auto [down, up] = down_type_first({q1, q2});
      add_polarised_pair(scatter, top_decay.second, top, helicity, down, up, random);
      // The b radiates in its own cone: its colour partner in the decay is the top, so the cone's half-angle
      // is the angle between the b and the top's direction.
      const double b_angle = angle_between(top_decay.first.p3(), top.p3());
      scatter.seeds.push_back({{top_decay.first, sign * pdg::kBottom}, b_angle});
      scatter.decays.push_back({top, {first, first + 1, first + 2}});
      break;
    }
  }
  return scatter;
}

}  // namespace jetstudy::events::generator
