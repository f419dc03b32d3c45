#include "toolkit/events/generator/parton_shower.h"

#include <cmath>
#include <numbers>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/particle_data.h"

namespace jetstudy::events::generator {

namespace {

enum class Branching { q_to_qg, g_to_gg, g_to_qqbar };

// A trial branching from the overestimate, and the ratio (true / overestimate) of its splitting function.
struct Trial {
  Branching branching;
  double z = 0;
  double weight = 0;
};

// z from the overestimate 1/(1-z) on [eps, 1-eps]: 1-z = eps * ((1-eps)/eps)^r.
double sample_soft_pole(double eps, Random& random) {
  return 1.0 - eps * std::pow((1.0 - eps) / eps, random.uniform());
}

}  // namespace

PartonShower::PartonShower(ShowerOptions options) : options_(options) {
  b0_ = (33.0 - 2.0 * options_.active_flavours) / (12.0 * std::numbers::pi);
  alpha_max_ = alpha_s(options_.cutoff_kt_gev);
}

double PartonShower::alpha_s(double kt_gev) const {
  const double scale = std::max(kt_gev, options_.cutoff_kt_gev);
  const double log_ratio = 2.0 * std::log(scale / options_.lambda_qcd_gev);
  return 1.0 / (b0_ * log_ratio);
}

void PartonShower::shower(const ShowerSeed& seed, Random& random, std::vector<Parton>& out) const {
  const double q0 = options_.cutoff_kt_gev;
  const double nf = options_.active_flavours;
  std::vector<ShowerSeed> pending{seed};
  while (!pending.empty()) {
    const ShowerSeed current = pending.back();
    pending.pop_back();
    const Parton& parton = current.parton;
    const double energy = parton.momentum.e;
    const bool gluon = pdg::is_gluon(parton.pid);
    double theta = current.max_angle;
    bool branched = false;

    // Veto algorithm: evolve down in theta with the overestimate, accept trials with true/overestimate.
    for (;;) {
      // Below E theta = 4 Q0 no z satisfies z(1-z) E theta > Q0: the parton is final.
      if (energy * theta <= 4 * q0) break;
      const double eps = q0 / (energy * theta);  // kT > Q0 needs eps < z < 1 - eps at this theta or below
      const double soft_log = std::log((1 - eps) / eps);
      // Integrals over z of the overestimates: 2 C_F/(1-z); C_A (1/z + 1/(1-z)); T_R n_f.
      const double over_qg = 2 * kCF * soft_log;
      const double over_gg = 2 * kCA * soft_log;
      const double over_qq = kTR * nf * (1 - 2 * eps);
      const double total = gluon ? over_gg + over_qq : over_qg;
      // No emission between theta' and theta: (theta'/theta)^(alpha_max/pi * total) = r.
      theta *= std::pow(random.uniform_open(), std::numbers::pi / (alpha_max_ * total));
      if (energy * theta <= 4 * q0) break;

      Trial trial{};
      if (!gluon) {
        trial.branching = Branching::q_to_qg;
        trial.z = sample_soft_pole(eps, random);  // the quark keeps z
        trial.weight = (1 + trial.z * trial.z) / 2;
      } else if (random.uniform() * total < over_gg) {
        trial.branching = Branching::g_to_gg;
        trial.z = sample_soft_pole(eps, random);
        if (random.chance(0.5)) trial.z = 1 - trial.z;
        const double z = trial.z, y = 1 - trial.z;
        trial.weight = (z / y + y / z + z * y) / (1 / z + 1 / y);
      } else {
        trial.branching = Branching::g_to_qqbar;
        trial.z = random.uniform(eps, 1 - eps);
        trial.weight = trial.z * trial.z + (1 - trial.z) * (1 - trial.z);
      }
      const double kt = trial.z * (1 - trial.z) * energy * theta;
      if (kt < q0) continue;
      if (random.uniform() * alpha_max_ >= alpha_s(kt) * trial.weight) continue;

      // Accepted: two massless daughters on either side of the parent, in a random plane.
      const ThreeVector axis = parton.momentum.p3().unit();
      const double azimuth = random.phi();
      const double z = trial.z;
      const FourVector first = FourVector::massless(rotate_away(axis, (1 - z) * theta, azimuth), z * energy);
      const FourVector second =
          FourVector::massless(rotate_away(axis, z * theta, azimuth + std::numbers::pi), (1 - z) * energy);
      int first_pid = pdg::kGluon, second_pid = pdg::kGluon;
      if (trial.branching == Branching::q_to_qg) {
        first_pid = parton.pid;
      } else if (trial.branching == Branching::g_to_qqbar) {
        const int flavour = 1 + static_cast<int>(random.uniform() * options_.active_flavours);
        first_pid = flavour;
        second_pid = -flavour;
      }
      pending.push_back({{first, first_pid}, theta});
      pending.push_back({{second, second_pid}, theta});
      branched = true;
      break;
    }
    if (!branched) out.push_back(parton);
  }
}

FourVector PartonShower::radiate_heavy(const FourVector& quark, double mass, double max_angle, Random& random,
                                       std::vector<ShowerSeed>& emissions) const {
  const double q0 = options_.cutoff_kt_gev;
  FourVector current = quark;
  double theta = max_angle;
  for (;;) {
    const double energy = current.e;
    const double dead_cone = mass / energy;
    if (energy * theta <= 4 * q0 || theta <= dead_cone) break;
    const double eps = q0 / (energy * theta);
    const double over = 2 * kCF * std::log((1 - eps) / eps);
    theta *= std::pow(random.uniform_open(), std::numbers::pi / (alpha_max_ * over));
    if (energy * theta <= 4 * q0 || theta <= dead_cone) break;
    const double z = sample_soft_pole(eps, random);  // the heavy quark keeps z
    const double kt = z * (1 - z) * energy * theta;
    if (kt < q0 || z * energy <= 1.001 * mass) continue;
    if (random.uniform() * alpha_max_ >= alpha_s(kt) * (1 + z * z) / 2) continue;

    const ThreeVector axis = current.p3().unit();
    const double azimuth = random.phi();
    const FourVector gluon =
        FourVector::massless(rotate_away(axis, z * theta, azimuth + std::numbers::pi), (1 - z) * energy);
    const double momentum = std::sqrt(z * energy * z * energy - mass * mass);
    current = FourVector::from_p_m(momentum * rotate_away(axis, (1 - z) * theta, azimuth), mass);
    emissions.push_back({{gluon, pdg::kGluon}, theta});
  }
  return current;
}

void restore_momentum(std::span<Parton* const> partons, const FourVector& target) {
  FourVector total;
  for (const Parton* parton : partons) total += parton->momentum;
  const double mass = total.m();
  JETSTUDY_CHECK(mass > 0 && target.m() > 0, "restore_momentum needs massive systems");
  // To the products' rest frame, scale every (massless) momentum by M_target / M_products, out to the target.
  const ThreeVector to_rest = (-1.0) * total.boost_vector();
  const ThreeVector to_target = target.boost_vector();
  const double scale = target.m() / mass;
  for (Parton* parton : partons) {
    parton->momentum = (scale * parton->momentum.boosted(to_rest)).boosted(to_target);
  }
}

}  // namespace jetstudy::events::generator
