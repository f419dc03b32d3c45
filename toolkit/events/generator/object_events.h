// Object-level events for the CMS Open Data style study: each event is a list of reconstructed objects
// (electrons, muons, jets with a b-tag flag) and missing transverse momentum, with resolution smearing, for
// semi-leptonic t tbar, W(-> l nu) + jets, Drell-Yan Z/gamma* -> l l (+ jets) and dimuon resonances (J/psi,
// psi(2S), Upsilon(1S), Z) over a continuum. Masses and widths: PDG 2022. Not a physics-accurate sample:
// cross sections, PDFs and spin correlations are not modelled (docs/generator.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/events/generator/random.h"

namespace jetstudy::events::generator {

enum class ObjectProcess { ttbar, wjets, dy, dimuon };

// "ttbar", "wjets", "dy", "dimuon"; parse throws core::InputError naming the closest valid name.
ObjectProcess parse_object_process(const std::string& name);
std::string object_process_name(ObjectProcess process);
std::vector<std::string> object_process_names();

enum class ObjectType { electron, muon, jet };
// "electron", "muon", "jet"; parse throws core::InputError naming the valid names.
ObjectType parse_object_type(const std::string& name);
std::string object_type_name(ObjectType type);

struct RecoObject {
  ObjectType type = ObjectType::jet;
  double pt = 0, eta = 0, phi = 0;  // GeV, radians
  double mass = 0;                  // GeV (leptons: their mass; jets: a typical jet mass)
  int charge = 0;                   // leptons +-1, jets 0
  bool btag = false;                // jets only
};

struct MissingEt {
  double pt = 0, phi = 0;
};

struct ObjectEvent {
  std::string process;  // "ttbar", "wjets", "dy", "dimuon" (or whatever a JSON-lines file says)
  // The truth label: the process name, except dimuon: "jpsi", "psi2s", "upsilon1s", "z" or "continuum".
  std::string truth;
  std::vector<RecoObject> objects;  // leptons and jets, each group by decreasing pT
  MissingEt met;
  std::uint64_t number = 0;
};

struct ObjectEventOptions {
  ObjectProcess process = ObjectProcess::ttbar;
  std::uint64_t seed = 1;
  // Acceptance.
  double lepton_pt_min_gev = 20;         // ttbar, wjets, dy
  double dimuon_muon_pt_min_gev = 3;     // dimuon (soft muons)
  double lepton_abs_eta_max = 2.4;
  double jet_pt_min_gev = 30;
  double jet_abs_eta_max = 2.4;
  // Resolutions.
  double muon_resolution = 0.01;          // sigma(pT)/pT = muon_resolution (+) muon_resolution_slope * pT
  double muon_resolution_slope = 1e-4;    // per GeV
  double electron_stochastic = 0.05;      // sigma(E)/E = a/sqrt(E/GeV) (+) b
  double electron_constant = 0.01;
  double jet_stochastic = 1.0;            // sigma(E)/E = 100 %/sqrt(E) (+) 5 %
  double jet_constant = 0.05;
  double met_resolution = 0.5;            // sigma(MET_x) = sigma(MET_y) = met_resolution * sqrt(sum ET / GeV)
  // b tagging.
  double btag_efficiency = 0.7;
  double mistag_rate = 0.01;
  // Extra jets from initial-state radiation: Poisson mean (ttbar; wjets and dy use their own, see .cpp).
  double ttbar_extra_jets = 1.0;
};

class ObjectEventGenerator {
 public:
  explicit ObjectEventGenerator(ObjectEventOptions options);  // throws core::InputError for impossible options

  ObjectEvent next();
  const ObjectEventOptions& options() const { return options_; }
  std::string description() const;

 private:
  ObjectEventOptions options_;
  Random random_;
  std::uint64_t events_ = 0;
};

// The dimuon resonances and their masses (GeV): J/psi 3.0969, psi(2S) 3.6861, Upsilon(1S) 9.4603, Z 91.1876.
struct DimuonResonance {
  const char* name;
  double mass_gev;
  double width_gev;
  double fraction;  // share of dimuon events; the rest is continuum
};
const std::vector<DimuonResonance>& dimuon_resonances();

}  // namespace jetstudy::events::generator
