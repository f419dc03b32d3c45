// Observers (spectators): per-jet quantities that travel with the images for metrics, plots and mass
// decorrelation, but never reach the network: kinematics, N-subjettiness, energy-correlation ratios, jet
// charge, width, pT_D and the constituent count (definitions and papers: docs/jets.md, toolkit/jets/).
#pragma once

#include <string>
#include <vector>

#include "toolkit/jets/jet.h"

namespace jetstudy::data {

struct Observer {
  const char* name;
  const char* what;
  double (*value)(const jets::Jet& jet);
};

// The observer called `name`; throws core::InputError naming the closest known one.
const Observer& find_observer(const std::string& name);
std::vector<std::string> observer_names();
// What a dataset keeps when data.observers is not given, and what `dataset inspect` summarises: mass, pt,
// tau21, tau32, nconst.
std::vector<std::string> default_observer_names();

}  // namespace jetstudy::data
