#include "toolkit/events/generator/underlying_event.h"

#include "toolkit/events/generator/four_vector.h"
#include "toolkit/events/generator/particle_data.h"

namespace jetstudy::events::generator {

namespace {

Particle soft_particle(const SoftInteractionOptions& options, int pid, int charge, double mass, bool from_pileup,
                       Random& random) {
  const FourVector p = FourVector::from_pt_eta_phi_m(random.exponential(options.mean_pt_gev),
                                                     random.uniform(-options.abs_eta_max, options.abs_eta_max),
                                                     random.phi(), mass);
  return {p.px, p.py, p.pz, p.e, pid, charge, from_pileup};
}

}  // namespace

void SoftInteractions::add_interaction(Random& random, bool from_pileup, std::vector<Particle>& out) const {
  const double eta_range = 2 * options_.abs_eta_max;
  const int charged = random.poisson(options_.charged_per_unit_eta * eta_range);
  const int neutral = random.poisson(options_.neutral_per_unit_eta * eta_range);
  for (int i = 0; i < charged; ++i) {
    // pi+- with 10 % K+-.
    const int sign = random.chance(0.5) ? +1 : -1;
    const bool kaon = random.chance(0.1);
    out.push_back(soft_particle(options_, sign * (kaon ? pdg::kKPlus : pdg::kPiPlus), sign,
                                kaon ? pdg::kKPlusMass : pdg::kPiPlusMass, from_pileup, random));
  }
  for (int i = 0; i < neutral; ++i) {
    // Photons from pi0 decays, with 10 % K0_L.
    const bool kaon = random.chance(0.1);
    out.push_back(soft_particle(options_, kaon ? pdg::kKLong : pdg::kPhoton, 0, kaon ? pdg::kKZeroMass : 0.0,
                                from_pileup, random));
  }
}

int SoftInteractions::add_pileup(double mu, Random& random, std::vector<Particle>& out) const {
  const int interactions = random.poisson(mu);
  for (int i = 0; i < interactions; ++i) add_interaction(random, true, out);
  return interactions;
}

}  // namespace jetstudy::events::generator
