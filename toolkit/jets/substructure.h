// All substructure observables of one jet as plain numbers (docs/jets.md defines each): kinematics,
// N-subjettiness tau_1..4 with exclusive-kT and WTA axes (arXiv:1011.2268, arXiv:1401.2158), energy-correlation
// ratios C2, D2 for beta = 1, 2 (arXiv:1305.0007, arXiv:1409.6298), jet charge (arXiv:1209.2421), width, pT_D
// and the constituent count.
#pragma once

#include <array>

#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

struct SubstructureOptions {
  double R0 = 0;        // N-subjettiness normalisation radius; <= 0: the jet's own radius (Jet::R), else 1.0
  double kappa = 0.3;   // jet-charge exponent
};

struct Substructure {
  double m = 0, pt = 0, eta = 0, phi = 0;  // GeV, GeV, -, radians (the jet's, groomed if it was)
  int constituents = 0;
  std::array<double, 4> tau_wta{};         // tau_1..tau_4 (index 0 = tau_1), WTA kT axes, beta = 1
  std::array<double, 4> tau_kt{};          // the same with exclusive-kT (E-scheme) axes
  double tau21 = 0, tau32 = 0;             // WTA axes; 0 when the denominator is 0
  double tau21_kt = 0, tau32_kt = 0;
  double c2_beta1 = 0, d2_beta1 = 0;       // 0 when e2 = 0 (fewer than two separated constituents)
  double c2_beta2 = 0, d2_beta2 = 0;
  double charge = 0;                       // Q_kappa with options.kappa
  double width = 0;
  double ptd = 0;
};

// Never throws for a jet with too few constituents: each observable takes its definition's value (tau_N = 0
// for <= N constituents, C2 = D2 = 0 without two constituents, everything 0 for an empty jet). Throws
// core::InputError only for options out of range (kappa <= 0).
Substructure compute_substructure(const Jet& jet, const SubstructureOptions& options = {});

}  // namespace jetstudy::jets
