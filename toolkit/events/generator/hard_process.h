// The hard process of the built-in generator: one boosted object per event -- a light quark or gluon (qcd) or
// a W, Z, H or top quark with a Breit-Wigner mass -- decayed in its rest frame with exact two-body kinematics
// and boosted back (W/Z -> q qbar', H -> b bbar, t -> b W(-> q qbar')). Isotropic decay angles (no
// polarisation). A top first radiates gluons outside its dead cone (PartonShower::radiate_heavy), then decays.
// Kinematics: PDG review "Kinematics" (two-body decays); masses and widths: PDG 2022.
#pragma once

#include <vector>

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
  // Breit-Wigner masses are kept within this many widths of the pole.
  static constexpr double kBreitWignerWindow = 10;

  HardProcess(const GeneratorOptions& options, const PartonShower& shower) : options_(options), shower_(shower) {}
  HardScatter sample(Random& random) const;

 private:
  GeneratorOptions options_;
  const PartonShower& shower_;
};

// Exact two-body decay: the momenta of daughters of masses m1 and m2 from `parent`, decaying isotropically in
// its rest frame.
struct TwoBody {
  FourVector first, second;
};
TwoBody decay_two_body(const FourVector& parent, double m1, double m2, Random& random);

// A mass from a (non-relativistic) Breit-Wigner, truncated to kBreitWignerWindow widths around the pole and
// below `upper_limit_gev`.
double sample_breit_wigner(ResonanceShape shape, double upper_limit_gev, Random& random);

}  // namespace jetstudy::events::generator
