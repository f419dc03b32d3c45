#include "toolkit/events/generator/hard_process.h"

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
    case Process::qcd: return {0, 0};
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

}  // namespace

HardScatter HardProcess::sample(Random& random) const {
  const double pt = random.uniform(options_.pt_min_gev, options_.pt_max_gev);
  const double eta = random.uniform(-2, 2);
  const double phi = random.phi();
  const ResonanceShape shape = resonance_shape(options_.process);
  const double mass = options_.process == Process::qcd ? 0.0 : sample_breit_wigner(shape, 1e9, random);

  HardScatter scatter;
  scatter.object = FourVector::from_pt_eta_phi_m(pt, 0, phi, mass);
  // The longitudinal boost that brings the object to pseudorapidity eta: pz = pT sinh(eta) = mT sinh(y).
  const double mt = std::hypot(pt, mass);
  scatter.rapidity = std::asinh(pt * std::sinh(eta) / mt);

  switch (options_.process) {
    case Process::qcd: {
      const bool quark = random.chance(options_.quark_fraction);
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
    case Process::top: {
      // The top radiates outside its dead cone (its colour partner is far away: the QCD cone), then decays
      // t -> b W+ (tbar -> bbar W-) and the W hadronically. The b is massless at parton level.
      const int sign = random.chance(0.5) ? +1 : -1;
      const FourVector top = shower_.radiate_heavy(scatter.object, mass, kQcdMaxAngle, random, scatter.seeds);
      const double w_mass = sample_breit_wigner(resonance_shape(Process::w), 0.999 * mass, random);
      const TwoBody top_decay = decay_two_body(top, 0, w_mass, random);
      const auto [q1, q2] = w_decay_flavours(sign, random);
      const int first = static_cast<int>(scatter.seeds.size());
      add_pair(scatter, top_decay.second, q1, q2, random);
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
