// Hadronisation by local parton-hadron duality (Azimov, Dokshitzer, Khoze & Troyan, Z. Phys. C27 (1985) 65):
// each final parton becomes one to a few hadrons that share its energy (each share distributed as
// z^a (1-z)^b) and get Gaussian transverse momenta (rms 0.3 GeV, compensated between neighbours as in a
// string); species pi+- : pi0 : K+- : K0 = 2 : 1 : 0.3 : 0.3, with the leading charged hadron of a light
// quark carrying the sign of the quark's charge. b quarks give a B hadron (hard fragmentation) that decays (decays.h).
// Energy is conserved exactly per parton; flavour and charge are not conserved across the event.
#pragma once

#include <vector>

#include "toolkit/events/generator/decays.h"
#include "toolkit/events/generator/hard_process.h"
#include "toolkit/events/generator/random.h"

namespace jetstudy::events::generator {

struct HadronisationOptions {
  double kt_sigma_gev = 0.3;            // rms |kT| of a hadron relative to its parton
  double share_a = 1.0;                 // kinetic-energy shares: Dirichlet(a + 1, ...), i.e. z^a (1-z)^b each
  double hadrons_per_log_energy = 1.5;  // mean extra hadrons per unit ln(E / multiplicity_scale_gev)
  double multiplicity_scale_gev = 1.0;
  double min_hadron_energy_gev = 0.35;  // a parton makes at most E / this many hadrons
  double b_fragmentation_a = 6.0;       // B hadron energy fraction z^a (1-z)^b, hard (mean ~0.85)
  double b_fragmentation_b = 1.0;
  DecayOptions decays;
};

class Hadronisation {
 public:
  explicit Hadronisation(HadronisationOptions options = {}) : options_(options) {}

  // Appends the stable hadrons (and decay leptons, photons) of one massless parton to `out`.
  void hadronise(const Parton& parton, Random& random, std::vector<Hadron>& out) const;

  const HadronisationOptions& options() const { return options_; }

 private:
  // Light hadrons sharing `energy` along `axis`; leading_charge_sign: the charge sign the leading hadron
  // prefers (from the quark), 0 for none.
  void light_hadrons(const ThreeVector& axis, double energy, int leading_charge_sign, Random& random,
                     std::vector<Hadron>& out) const;

  HadronisationOptions options_;
};

}  // namespace jetstudy::events::generator
