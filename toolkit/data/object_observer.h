// Event observers of an objects source (the CMS Open Data topology classifier, arXiv:1807.00083): high-level
// quantities of a whole event -- jet and b-jet counts, HT, missing ET, the leading lepton, the W transverse mass,
// the dilepton mass and pT -- that travel with the object images as data.observers and feed the dense baseline
// (model.inputs), as the study's dense network read high-level features. Units GeV.
#pragma once

#include <string>
#include <vector>

#include "toolkit/events/generator/object_events.h"

namespace jetstudy::data {

struct ObjectObserver {
  const char* name;
  const char* what;
  double (*value)(const events::generator::ObjectEvent& event);
};

// The event observer called `name`; throws core::InputError listing the known ones (and saying so when `name`
// is a jet observer, which an objects source cannot compute).
const ObjectObserver& find_object_observer(const std::string& name);
std::vector<std::string> object_observer_names();

}  // namespace jetstudy::data
