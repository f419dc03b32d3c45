#include "toolkit/data/object_observer.h"

#include <algorithm>
#include <cmath>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/data/observer.h"

namespace jetstudy::data {
namespace {

using events::generator::ObjectEvent;
using events::generator::ObjectType;
using events::generator::RecoObject;

bool is_lepton(const RecoObject& object) { return object.type != ObjectType::jet; }

double count_if(const ObjectEvent& event, bool (*keep)(const RecoObject&)) {
  return static_cast<double>(std::count_if(event.objects.begin(), event.objects.end(), keep));
}

// The objects are not guaranteed to be sorted when read from a file: the hardest lepton, or nullptr.
const RecoObject* leading_lepton(const ObjectEvent& event, const RecoObject* skip = nullptr) {
  const RecoObject* best = nullptr;
  for (const auto& object : event.objects) {
    if (!is_lepton(object) || &object == skip) continue;
    if (!best || object.pt > best->pt) best = &object;
  }
  return best;
}

struct Momentum {
  double px = 0, py = 0, pz = 0, e = 0;
};

Momentum momentum(const RecoObject& object) {
  const double px = object.pt * std::cos(object.phi), py = object.pt * std::sin(object.phi);
  const double pz = object.pt * std::sinh(object.eta);
  return {px, py, pz, std::sqrt(px * px + py * py + pz * pz + object.mass * object.mass)};
}

// The two hardest leptons' sum, or nothing (all zero) with fewer than two.
Momentum dilepton(const ObjectEvent& event) {
  const RecoObject* first = leading_lepton(event);
  const RecoObject* second = first ? leading_lepton(event, first) : nullptr;
  if (!second) return {};
  const Momentum a = momentum(*first), b = momentum(*second);
  return {a.px + b.px, a.py + b.py, a.pz + b.pz, a.e + b.e};
}

double dilepton_mass(const ObjectEvent& event) {
  const Momentum p = dilepton(event);
  return std::sqrt(std::max(0.0, p.e * p.e - p.px * p.px - p.py * p.py - p.pz * p.pz));
}

// m_T = sqrt(2 pT(l) MET (1 - cos dphi)) of the leading lepton and the missing ET (0 without a lepton).
double transverse_mass(const ObjectEvent& event) {
  const RecoObject* lepton = leading_lepton(event);
  if (!lepton) return 0;
  return std::sqrt(std::max(0.0, 2 * lepton->pt * event.met.pt * (1 - std::cos(lepton->phi - event.met.phi))));
}

double ht(const ObjectEvent& event) {
  double sum = 0;
  for (const auto& object : event.objects) {
    if (object.type == ObjectType::jet) sum += object.pt;
  }
  return sum;
}

const ObjectObserver kObservers[] = {
    {"njets", "number of jets (b-tagged or not)",
     [](const ObjectEvent& e) { return count_if(e, [](const RecoObject& o) { return o.type == ObjectType::jet; }); }},
    {"nbjets", "number of b-tagged jets",
     [](const ObjectEvent& e) { return count_if(e, [](const RecoObject& o) { return o.type == ObjectType::jet && o.btag; }); }},
    {"nleptons", "number of electrons and muons", [](const ObjectEvent& e) { return count_if(e, is_lepton); }},
    {"ht", "scalar sum of the jet pT, GeV", ht},
    {"met", "missing transverse momentum, GeV", [](const ObjectEvent& e) { return e.met.pt; }},
    {"lepton_pt", "pT of the leading lepton, GeV (0 without one)",
     [](const ObjectEvent& e) { const auto* l = leading_lepton(e); return l ? l->pt : 0.0; }},
    {"lepton_eta", "pseudorapidity of the leading lepton (0 without one)",
     [](const ObjectEvent& e) { const auto* l = leading_lepton(e); return l ? l->eta : 0.0; }},
    {"mt", "transverse mass of the leading lepton and the missing ET, GeV", transverse_mass},
    {"mll", "invariant mass of the two leading leptons (the dimuon mass), GeV (0 with fewer than two)", dilepton_mass},
    {"ptll", "pT of the two leading leptons together, GeV (0 with fewer than two)",
     [](const ObjectEvent& e) { const Momentum p = dilepton(e); return std::hypot(p.px, p.py); }},
};

}  // namespace

std::vector<std::string> object_observer_names() {
  std::vector<std::string> names;
  for (const auto& observer : kObservers) names.emplace_back(observer.name);
  return names;
}

const ObjectObserver& find_object_observer(const std::string& name) {
  for (const auto& observer : kObservers) {
    if (name == observer.name) return observer;
  }
  const auto known = object_observer_names();
  std::string list;
  for (const auto& known_name : known) list += (list.empty() ? "" : ", ") + known_name;
  const auto jet_names = observer_names();
  const bool jet_observer = std::find(jet_names.begin(), jet_names.end(), name) != jet_names.end();
  throw core::InputError("data.observers: '" + name + "' " +
                         (jet_observer ? "is a jet observer, which an objects source (whole events) cannot compute; "
                                         "set data.observers to event observers"
                                       : "is not an event observer") +
                         " (known: " + list + ")" + (jet_observer ? "" : core::did_you_mean(name, known)));
}

}  // namespace jetstudy::data
