#include "toolkit/data/observer.h"

#include <cmath>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/jets/energy_correlation.h"
#include "toolkit/jets/jet_shapes.h"
#include "toolkit/jets/nsubjettiness.h"

namespace jetstudy::data {
namespace {

using jets::Jet;
using jets::NsubjettinessAxes;

// N-subjettiness with R0 = the jet's radius; WTA kT axes unless the name says _kt.
double tau(const Jet& jet, int n) { return jets::nsubjettiness(jet, NsubjettinessAxes::wta_kt).tau[n - 1]; }
double tau_ratio(const Jet& jet, int n, NsubjettinessAxes axes) { return jets::nsubjettiness(jet, axes).ratio(n); }

constexpr double kChargeKappa = 0.3;

// pT of the vector sum of the jet's hard-scatter constituents (from_pileup false): the jet pT pile-up
// mitigation aims for (PUMML, arXiv:1707.08600), and the target of per-jet pT regression.
double truth_pt(const Jet& jet) {
  double px = 0, py = 0;
  for (const auto& c : jet.constituents) {
    if (c.from_pileup) continue;
    px += c.pt * std::cos(c.phi);
    py += c.pt * std::sin(c.phi);
  }
  return std::hypot(px, py);
}

// Scalar pT sum of the pile-up constituents over that of all constituents (0 for a jet without pT).
double pileup_pt_fraction(const Jet& jet) {
  double pileup = 0, all = 0;
  for (const auto& c : jet.constituents) {
    all += c.pt;
    if (c.from_pileup) pileup += c.pt;
  }
  return all > 0 ? pileup / all : 0.0;
}

const Observer kObservers[] = {
    {"mass", "jet mass, GeV", [](const Jet& jet) { return jet.m; }},
    {"pt", "jet transverse momentum, GeV", [](const Jet& jet) { return jet.pt; }},
    {"eta", "jet pseudorapidity", [](const Jet& jet) { return jet.eta; }},
    {"phi", "jet azimuth, radians", [](const Jet& jet) { return jet.phi; }},
    {"nconst", "number of (groomed) constituents",
     [](const Jet& jet) { return static_cast<double>(jet.constituents.size()); }},
    {"tau1", "N-subjettiness tau_1, beta=1, WTA kT axes, R0 = jet R", [](const Jet& jet) { return tau(jet, 1); }},
    {"tau2", "N-subjettiness tau_2 (as tau1)", [](const Jet& jet) { return tau(jet, 2); }},
    {"tau3", "N-subjettiness tau_3 (as tau1)", [](const Jet& jet) { return tau(jet, 3); }},
    {"tau4", "N-subjettiness tau_4 (as tau1)", [](const Jet& jet) { return tau(jet, 4); }},
    {"tau21", "tau_2/tau_1, WTA kT axes", [](const Jet& jet) { return tau_ratio(jet, 2, NsubjettinessAxes::wta_kt); }},
    {"tau32", "tau_3/tau_2, WTA kT axes", [](const Jet& jet) { return tau_ratio(jet, 3, NsubjettinessAxes::wta_kt); }},
    {"tau21_kt", "tau_2/tau_1, exclusive-kT axes",
     [](const Jet& jet) { return tau_ratio(jet, 2, NsubjettinessAxes::exclusive_kt); }},
    {"tau32_kt", "tau_3/tau_2, exclusive-kT axes",
     [](const Jet& jet) { return tau_ratio(jet, 3, NsubjettinessAxes::exclusive_kt); }},
    {"c2", "energy-correlation ratio C2, beta=1", [](const Jet& jet) { return jets::energy_correlations(jet).beta1.c2(); }},
    {"d2", "energy-correlation ratio D2, beta=1", [](const Jet& jet) { return jets::energy_correlations(jet).beta1.d2(); }},
    {"c2_beta2", "C2 with beta=2", [](const Jet& jet) { return jets::energy_correlations(jet).beta2.c2(); }},
    {"d2_beta2", "D2 with beta=2", [](const Jet& jet) { return jets::energy_correlations(jet).beta2.d2(); }},
    {"charge", "jet charge Q_kappa, kappa=0.3", [](const Jet& jet) { return jets::jet_charge(jet, kChargeKappa); }},
    {"width", "jet width (girth) sum pT_i dR_i / pT_J", [](const Jet& jet) { return jets::jet_width(jet); }},
    {"ptd", "pT_D = sqrt(sum pT_i^2) / sum pT_i", [](const Jet& jet) { return jets::jet_ptd(jet); }},
    {"truth_pt", "pT of the vector sum of the hard-scatter (not pile-up) constituents, GeV", truth_pt},
    {"pileup_pt_fraction", "scalar pT sum of pile-up constituents / that of all constituents", pileup_pt_fraction},
};

}  // namespace

std::vector<std::string> observer_names() {
  std::vector<std::string> names;
  for (const auto& observer : kObservers) names.emplace_back(observer.name);
  return names;
}

std::vector<std::string> default_observer_names() { return {"mass", "pt", "tau21", "tau32", "nconst"}; }

const Observer& find_observer(const std::string& name) {
  for (const auto& observer : kObservers) {
    if (name == observer.name) return observer;
  }
  std::string known;
  for (const auto& observer : kObservers) known += (known.empty() ? "" : ", ") + std::string(observer.name);
  throw core::InputError("data.observers: unknown observer '" + name + "' (known: " + known + ")" +
                         core::did_you_mean(name, observer_names()));
}

}  // namespace jetstudy::data
