// The hard process of the built-in generator: one boosted object per event -- a light quark or gluon (qcd;
// quark and gluon force the choice),
// a W, Z, H or top quark with a Breit-Wigner mass, or the W of a W' -> W Z decay -- decayed in its rest frame
// with exact two-body kinematics and boosted back (W/Z -> q qbar', H -> b bbar, t -> b W(-> q qbar')).
// Decay angles: isotropic for a lone W/Z/H; the W in top decays with the helicity fractions F0 = 0.687,
// FL = 0.311 (NNLO, Czarnecki, Koerner & Piclum, arXiv:1005.2625); W' -> W_L Z_L with sin^2 about the beam
// and longitudinal W and Z decays (sin^2), as for a heavy vector triplet at large mass (equivalence theorem,
// Pappadopulo et al., arXiv:1402.4431). A top first radiates gluons outside its dead cone
// (PartonShower::radiate_heavy), then decays. Kinematics: PDG review "Kinematics"; masses, widths: PDG 2022.
#pragma once

#include <vector>

#include "toolkit/events/generator/decays.h"
#include "toolkit/events/generator/four_vector.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/events/generator/parton.h"
#include "toolkit/events/generator/parton_shower.h"
#include "toolkit/events/generator/random.h"

namespace jetstudy::events::generator {

// A decay whose showered products must add up to the decaying particle's four-momentum again (the shower's
// small-angle kinematics conserve energy, not momentum; see parton_shower.h).
struct ResonanceDecay {
  FourVector parent;
  std::vector<int> seeds;  // indices into HardScatter::seeds of the partons it decayed into
};

// The hard object and its partons, built in the frame where the object has zero rapidity (so opening angles
// there equal Delta R in (y, phi) at small angles); boosting along the beam by `rapidity` gives the lab frame.
struct HardScatter {
  FourVector object;                    // in the zero-rapidity frame
  double rapidity = 0;                  // longitudinal boost to the lab frame
  std::vector<ShowerSeed> seeds;
  std::vector<ResonanceDecay> decays;   // innermost first (the W before its top)
  std::vector<Hadron> colourless;       // final particles that skip shower and hadronisation (Z -> nu nubar)
};

struct ResonanceShape {
  double mass_gev = 0;
  double width_gev = 0;
};
ResonanceShape resonance_shape(Process process);  // the W, Z, H or top line shape; qcd: {0, 0}

class HardProcess {
 public:
  // Angle allowed for the shower of a lone QCD parton: the largest jet radius studies use (R = 1.5).
  static constexpr double kQcdMaxAngle = 1.5;
  // The hard object's pseudorapidity is flat in |eta| < kAbsEtaMax (narrower at multi-TeV pT: sample()).
  static constexpr double kAbsEtaMax = 2;
  // Breit-Wigner masses are kept within this many widths of the pole.
  static constexpr double kBreitWignerWindow = 10;
  // W': width as a fraction of the mass (a heavy vector triplet with g_V ~ 3 has Gamma/M ~ 3 %), transverse
  // momentum of the W' from initial-state radiation (exponential, mean), rapidity range, and the number of
  // draws before a W pT window is declared unreachable.
  static constexpr double kWprimeRelativeWidth = 0.03;
  static constexpr double kWprimeMeanPtGeV = 10;
  static constexpr double kWprimeAbsRapidityMax = 2;
  static constexpr long kWprimeMaxAttempts = 1000000;

  HardProcess(const GeneratorOptions& options, const PartonShower& shower) : options_(options), shower_(shower) {}
  HardScatter sample(Random& random) const;

 private:
  HardScatter sample_wprime(Random& random) const;

  GeneratorOptions options_;
  const PartonShower& shower_;
};

// Exact two-body decay: the momenta of daughters of masses m1 and m2 from `parent`, decaying isotropically in
// its rest frame.
struct TwoBody {
  FourVector first, second;
};
TwoBody decay_two_body(const FourVector& parent, double m1, double m2, Random& random);

// The same with the first daughter at polar angle acos(cos_theta) from `axis` in the parent's rest frame
// (reached from the lab by a pure boost), at a random azimuth around it.
TwoBody decay_two_body_polar(const FourVector& parent, double m1, double m2, ThreeVector axis, double cos_theta,
                             Random& random);

// cos(theta) of the decay angle of a spin-1 boson with helicity -1, 0 or +1 along its flight direction:
// density (1 - c)^2, 1 - c^2, (1 + c)^2. For a W+ theta is the angle of the down-type antiquark (the charged
// lepton's place in W -> l nu) to the W's flight direction in its parent's rest frame; for a W- of helicity h
// the down-type quark follows the density of -h (CP).
double sample_helicity_cos_theta(int helicity, Random& random);

// The hard object's pT in [pt_min_gev, pt_max_gev], flat or falling as pT^-pt_power.
double sample_pt(const GeneratorOptions& options, Random& random);

// A mass from a (non-relativistic) Breit-Wigner, truncated to kBreitWignerWindow widths around the pole and
// below `upper_limit_gev`.
double sample_breit_wigner(ResonanceShape shape, double upper_limit_gev, Random& random);

}  // namespace jetstudy::events::generator
