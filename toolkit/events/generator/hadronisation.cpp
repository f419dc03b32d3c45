#include "toolkit/events/generator/hadronisation.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "toolkit/events/generator/particle_data.h"

namespace jetstudy::events::generator {

namespace {

struct Species {
  int pid;
  int charge;
  double mass;
};

// pi+- : pi0 : K+- : K0 = 2 : 1 : 0.3 : 0.3; charged ones with a charge sign (+1, -1, or 0: random).
Species draw_species(int charge_sign, Random& random) {
  const double r = random.uniform() * 3.6;
  const int sign = charge_sign != 0 ? charge_sign : (random.chance(0.5) ? +1 : -1);
  if (r < 2.0) return {sign * pdg::kPiPlus, sign, pdg::kPiPlusMass};
  if (r < 3.0) return {pdg::kPiZero, 0, pdg::kPiZeroMass};
  if (r < 3.3) return {sign * pdg::kKPlus, sign, pdg::kKPlusMass};
  return {random.chance(0.5) ? pdg::kKLong : pdg::kKShort, 0, pdg::kKZeroMass};
}

// A hadron of energy `energy` and mass `mass` along `axis` with transverse momentum `kick` (in the plane
// perpendicular to axis); the kick is shrunk if it would exceed 80 % of the momentum.
FourVector place(const ThreeVector& axis, double energy, double mass, ThreeVector kick) {
  const double p = std::sqrt(std::max(0.0, energy * energy - mass * mass));
  const double kt = kick.norm();
  if (kt > 0.8 * p) kick = (kt > 0 ? 0.8 * p / kt : 0.0) * kick;
  const double longitudinal = std::sqrt(std::max(0.0, p * p - dot(kick, kick)));
  const ThreeVector momentum = longitudinal * axis + kick;
  return {momentum.x, momentum.y, momentum.z, energy};
}

}  // namespace

void Hadronisation::light_hadrons(const ThreeVector& axis, double energy, int leading_charge_sign,
                                  Random& random, std::vector<Hadron>& out) const {
  if (energy <= 0) return;
  // How many hadrons: 1 + Poisson(k ln(E / E0)), at most one per min_hadron_energy_gev.
  const double mean_extra =
      options_.hadrons_per_log_energy * std::max(0.0, std::log(energy / options_.multiplicity_scale_gev));
  const int cap = std::max(1, static_cast<int>(energy / options_.min_hadron_energy_gev));
  int count = std::min(cap, 1 + random.poisson(mean_extra));

  // Species first (the leading one follows the quark's charge); drop hadrons until their masses fit.
  std::vector<Species> species;
  double mass_sum = 0;
  for (int i = 0; i < count; ++i) {
    species.push_back(draw_species(i == 0 ? leading_charge_sign : 0, random));
    mass_sum += species.back().mass;
  }
  while (species.size() > 1 && mass_sum > 0.8 * energy) {
    mass_sum -= species.back().mass;
    species.pop_back();
  }
  if (species.size() == 1 && species[0].mass >= energy) {
    species[0] = energy > pdg::kPiZeroMass ? Species{pdg::kPiZero, 0, pdg::kPiZeroMass} : Species{pdg::kPhoton, 0, 0};
    mass_sum = species[0].mass;
  }
  count = static_cast<int>(species.size());

  // Each hadron gets its mass plus a share of the kinetic energy; shares are Dirichlet(a + 1, ..., a + 1), so
  // each one is distributed as z^a (1 - z)^b with b = (n - 1)(a + 1) - 1. The largest share leads.
  std::vector<double> shares(count);
  double share_sum = 0;
  for (double& share : shares) share_sum += (share = random.gamma(options_.share_a + 1));
  std::sort(shares.begin(), shares.end(), std::greater<>());
  const double kinetic = energy - mass_sum;

  const TransversePlane plane = transverse_plane(axis);
  // A hadron's kT is the difference of two string breaks, each with independent Gaussian components of width
  // sigma / 2: the hadron's |kT| then has an rms of kt_sigma_gev.
  const double sigma = options_.kt_sigma_gev / 2;
  ThreeVector previous_break{};
  for (int i = 0; i < count; ++i) {
    ThreeVector next_break{};
    if (i != count - 1) next_break = (sigma * random.gaussian()) * plane.u + (sigma * random.gaussian()) * plane.v;
    const double hadron_energy = species[i].mass + kinetic * shares[i] / share_sum;
    const Hadron hadron{place(axis, hadron_energy, species[i].mass, next_break - previous_break), species[i].pid,
                        species[i].charge};
    decay_to_stable(hadron, random, options_.decays, out);
    previous_break = next_break;
  }
}

void Hadronisation::hadronise(const Parton& parton, Random& random, std::vector<Hadron>& out) const {
  const double energy = parton.momentum.e;
  const ThreeVector axis = parton.momentum.p3().unit();
  const int magnitude = parton.pid > 0 ? parton.pid : -parton.pid;
  if (magnitude == pdg::kBottom && energy > 1.1 * pdg::kBMass) {
    // A B hadron takes a hard fraction of the b quark's energy; the rest hadronises like a gluon's.
    const double z = random.beta_like(options_.b_fragmentation_a, options_.b_fragmentation_b);
    const double b_energy = std::max(z * energy, 1.05 * pdg::kBMass);
    const int b_sign = parton.pid > 0 ? +1 : -1;
    const int b_pid = random.chance(0.5) ? pdg::kBZero : pdg::kBPlus;
    const TransversePlane plane = transverse_plane(axis);
    const double sigma = options_.kt_sigma_gev / std::sqrt(2.0);  // per component: rms |kT| = kt_sigma_gev
    const ThreeVector kick = (sigma * random.gaussian()) * plane.u + (sigma * random.gaussian()) * plane.v;
    // PDG: a b quark sits in a B-bar meson (negative code), a bbar in a B.
    const Hadron b_hadron{place(axis, b_energy, pdg::kBMass, kick), -b_sign * b_pid, 0};
    decay_to_stable(b_hadron, random, options_.decays, out);
    light_hadrons(axis, energy - b_energy, 0, random, out);
    return;
  }
  // Light quarks (and b quarks too soft to make a B): the leading hadron follows the quark's charge.
  light_hadrons(axis, energy, pdg::quark_charge_sign(parton.pid), random, out);
}

}  // namespace jetstudy::events::generator
