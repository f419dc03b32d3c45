// A parton of the built-in generator's shower: a massless quark or gluon, and the seed a shower starts from.
#pragma once

#include "toolkit/events/generator/four_vector.h"

namespace jetstudy::events::generator {

// A massless quark or gluon.
struct Parton {
  FourVector momentum;
  int pid = 0;  // PDG code: 1..5 quarks (negative: antiquarks), 21 gluon
};

// A parton with the largest opening angle its shower may use (angular ordering / colour coherence).
struct ShowerSeed {
  Parton parton;
  double max_angle = 0;  // radians
};

}  // namespace jetstudy::events::generator
