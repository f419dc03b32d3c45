// An angular-ordered, leading-log final-state parton shower (Marchesini & Webber, Nucl. Phys. B310 (1988) 461;
// Ellis, Stirling & Webber, "QCD and Collider Physics", ch. 5): branchings q -> qg, g -> gg, g -> q qbar with
// probability dP = alpha_s(k_t)/pi * P(z) dz dtheta/theta, one-loop running alpha_s(k_t) with k_t = z(1-z) E
// theta, successive angles ordered (each daughter showers below its parent's branching angle), stopped at
// k_t < Q0. The next angle comes from the Sudakov veto algorithm (Sjostrand, Mrenna & Skands, JHEP 05 (2006)
// 026, hep-ph/0603175, sec. 4.2): an overestimate of alpha_s and P(z), each trial accepted with the ratio.
// Small-angle kinematics: daughters of energies zE and (1-z)E leave at angles (1-z)theta and z theta on either
// side of the parent in a random plane -- energy exact, momentum conserved to O(theta^2), pair mass^2 ~
// z(1-z) E^2 theta^2. radiate_heavy() lets a top radiate before it decays; restore_momentum() puts a
// resonance's showered products back on its four-momentum.
#pragma once

#include <span>
#include <vector>

#include "toolkit/events/generator/parton.h"
#include "toolkit/events/generator/random.h"

namespace jetstudy::events::generator {

struct ShowerOptions {
  double cutoff_kt_gev = 1.0;    // Q0: no branching with k_t below it
  double lambda_qcd_gev = 0.2;   // one-loop Lambda_QCD
  int active_flavours = 5;       // n_f in the running coupling and in g -> q qbar
};

class PartonShower {
 public:
  static constexpr double kCF = 4.0 / 3.0, kCA = 3.0, kTR = 0.5;

  explicit PartonShower(ShowerOptions options = {});

  // Appends the final partons of the shower of `seed` to `out`. Energy is conserved exactly.
  void shower(const ShowerSeed& seed, Random& random, std::vector<Parton>& out) const;

  // Gluons radiated by a heavy quark of mass `mass` (the top, before it decays): q -> qg at angles from
  // max_angle down to the dead-cone angle m/E (Dokshitzer, Khoze & Troyan, J. Phys. G17 (1991) 1602), the
  // quark keeping energy zE and its mass. Appends the gluons (each to shower below its emission angle) to
  // `emissions` and returns the heavy quark's final momentum; energy is conserved exactly.
  FourVector radiate_heavy(const FourVector& quark, double mass, double max_angle, Random& random,
                           std::vector<ShowerSeed>& emissions) const;

  // One-loop alpha_s(k_t) = 1 / (b0 ln(k_t^2 / Lambda^2)), b0 = (33 - 2 n_f) / (12 pi), frozen below Q0.
  double alpha_s(double kt_gev) const;

  const ShowerOptions& options() const { return options_; }

 private:
  ShowerOptions options_;
  double b0_ = 0;
  double alpha_max_ = 0;  // alpha_s(Q0): the overestimate used by the veto algorithm
};

// Boosts and rescales massless partons (in their common rest frame) so that they add up to `target` exactly:
// restores the four-momentum of a decayed resonance after its daughters showered.
void restore_momentum(std::span<Parton* const> partons, const FourVector& target);

}  // namespace jetstudy::events::generator
