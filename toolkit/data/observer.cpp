#include "toolkit/data/observer.h"

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::data {
namespace {

const Observer kObservers[] = {
    {"mass", "jet mass, GeV", [](const jets::Jet& jet) { return jet.m; }},
    {"pt", "jet transverse momentum, GeV", [](const jets::Jet& jet) { return jet.pt; }},
    {"eta", "jet pseudorapidity", [](const jets::Jet& jet) { return jet.eta; }},
};

}  // namespace

std::vector<std::string> observer_names() {
  std::vector<std::string> names;
  for (const auto& observer : kObservers) names.emplace_back(observer.name);
  return names;
}

const Observer& find_observer(const std::string& name) {
  for (const auto& observer : kObservers) {
    if (name == observer.name) return observer;
  }
  throw core::InputError("data.observers: unknown observer '" + name + "' (known: mass, pt, eta)" +
                         core::did_you_mean(name, observer_names()));
}

}  // namespace jetstudy::data
