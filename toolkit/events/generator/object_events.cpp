#include "toolkit/events/generator/object_events.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <sstream>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/events/generator/four_vector.h"
#include "toolkit/events/generator/hard_process.h"
#include "toolkit/events/generator/particle_data.h"

namespace jetstudy::events::generator {

namespace {

struct NamedObjectProcess {
  const char* name;
  ObjectProcess process;
};
constexpr NamedObjectProcess kObjectProcesses[] = {
    {"ttbar", ObjectProcess::ttbar}, {"wjets", ObjectProcess::wjets}, {"dy", ObjectProcess::dy},
    {"dimuon", ObjectProcess::dimuon},
};

// Masses and widths (GeV), PDG 2022.
constexpr double kTopMass = 172.5, kTopWidth = 1.4;
constexpr double kWMass = 80.377, kWWidth = 2.085;
constexpr double kZMass = 91.1876, kZWidth = 2.4952;

// Drell-Yan mass range and the share of the gamma* continuum in it.
constexpr double kDyMassLow = 60, kDyMassHigh = 120, kDyContinuumFraction = 0.1;
// Dimuon continuum: dN/dm ~ m^-2 between these masses; resonance pT exponential with this mean; |y| range.
constexpr double kDimuonMassLow = 2, kDimuonMassHigh = 120;
constexpr double kDimuonMeanPtGeV = 10, kDimuonAbsRapidityMax = 2.4;
// t tbar invariant mass above threshold: m_t1 + m_t2 + Gamma(1.5) x 80 GeV (peak ~40 GeV above threshold,
// mean ~120 GeV above, a falling tail like the measured spectrum).
constexpr double kTtbarExcessShape = 1.5, kTtbarExcessScaleGeV = 80;
// Initial-state radiation: Poisson number of jets, pT ~ pT^-3 above kIsrPtMinGeV, |eta| < 3; the rest of the
// recoil is an unclustered soft kT (exponential, mean kSoftKtGeV). With the means below, 20 % of W and Z
// events have a jet above 30 GeV in |eta| < 2.4, the order of what the LHC experiments measure.
constexpr double kIsrPtMinGeV = 20, kIsrPtMaxGeV = 1000, kIsrPower = 3, kIsrAbsEtaMax = 3;
constexpr double kSoftKtGeV = 5;
constexpr double kWjetsExtraJets = 0.6, kDyExtraJets = 0.6;
constexpr double kSystemRapiditySigma = 1.0;

// A truth-level particle of the hard process before reconstruction.
enum class TruthKind { electron, muon, neutrino, light_quark, b_quark };
struct Truth {
  FourVector p;
  TruthKind kind;
  int charge = 0;
};

// Light-lepton flavour for leptonic W/Z decays: e or mu with equal probability (tau not modelled).
TruthKind random_lepton(Random& random) { return random.chance(0.5) ? TruthKind::electron : TruthKind::muon; }

double lepton_mass(TruthKind kind) { return kind == TruthKind::muon ? pdg::kMuonMass : pdg::kElectronMass; }

// dN/dm ~ m^-2 on [low, high], by inverting the cumulative.
double sample_inverse_square(double low, double high, Random& random) {
  return 1.0 / (1.0 / low - random.uniform() * (1.0 / low - 1.0 / high));
}

// A system of mass m with transverse momentum (px, py) and rapidity y.
FourVector system_momentum(double mass, double px, double py, double y) {
  const double mt = std::sqrt(mass * mass + px * px + py * py);
  return {px, py, mt * std::sinh(y), mt * std::cosh(y)};
}

// Drell-Yan decay angle to the beam: 1 + cos^2 theta, by rejection.
double sample_drell_yan_cos_theta(Random& random) {
  for (;;) {
    const double c = random.uniform(-1, 1);
    if (random.uniform() * 2 < 1 + c * c) return c;
  }
}

}  // namespace

std::vector<std::string> object_process_names() {
  std::vector<std::string> names;
  for (const auto& entry : kObjectProcesses) names.emplace_back(entry.name);
  return names;
}

ObjectProcess parse_object_process(const std::string& name) {
  for (const auto& entry : kObjectProcesses) {
    if (name == entry.name) return entry.process;
  }
  throw core::InputError("unknown object-level process '" + name + "' (known: ttbar, wjets, dy, dimuon)" +
                         core::did_you_mean(name, object_process_names()));
}

std::string object_process_name(ObjectProcess process) {
  for (const auto& entry : kObjectProcesses) {
    if (entry.process == process) return entry.name;
  }
  JETSTUDY_CHECK(false, "object process without a name");
  return {};
}

ObjectType parse_object_type(const std::string& name) {
  if (name == "electron") return ObjectType::electron;
  if (name == "muon") return ObjectType::muon;
  if (name == "jet") return ObjectType::jet;
  throw core::InputError("unknown object type '" + name + "' (known: electron, muon, jet)");
}

std::string object_type_name(ObjectType type) {
  switch (type) {
    case ObjectType::electron: return "electron";
    case ObjectType::muon: return "muon";
    case ObjectType::jet: return "jet";
  }
  return {};
}

const std::vector<DimuonResonance>& dimuon_resonances() {
  static const std::vector<DimuonResonance> resonances = {
      {"jpsi", 3.0969, 0.000093, 0.35},
      {"psi2s", 3.6861, 0.000294, 0.05},
      {"upsilon1s", 9.4603, 0.000054, 0.10},
      {"z", kZMass, kZWidth, 0.10},
  };
  return resonances;
}

ObjectEventGenerator::ObjectEventGenerator(ObjectEventOptions options) : options_(options), random_(options.seed) {
  const auto bad = [](const std::string& what) { throw core::InputError("object events: " + what); };
  for (const double p : {options_.btag_efficiency, options_.mistag_rate}) {
    if (!(p >= 0 && p <= 1)) bad("b-tag efficiency and mistag rate must be in [0, 1]");
  }
  for (const double x : {options_.lepton_pt_min_gev, options_.dimuon_muon_pt_min_gev, options_.lepton_abs_eta_max,
                         options_.jet_pt_min_gev, options_.jet_abs_eta_max, options_.muon_resolution,
                         options_.muon_resolution_slope, options_.electron_stochastic, options_.electron_constant,
                         options_.jet_stochastic, options_.jet_constant, options_.met_resolution,
                         options_.ttbar_extra_jets}) {
    if (!(x >= 0) || !std::isfinite(x)) bad("thresholds, resolutions and rates must be finite and >= 0");
  }
}

std::string ObjectEventGenerator::description() const {
  std::ostringstream text;
  text << "object-level events: " << object_process_name(options_.process) << ", leptons pT > "
       << (options_.process == ObjectProcess::dimuon ? options_.dimuon_muon_pt_min_gev : options_.lepton_pt_min_gev)
       << " GeV |eta| < " << options_.lepton_abs_eta_max << ", jets pT > " << options_.jet_pt_min_gev
       << " GeV |eta| < " << options_.jet_abs_eta_max << " sigma(E)/E " << 100 * options_.jet_stochastic
       << "%/sqrt(E) + " << 100 * options_.jet_constant << "%, b-tag " << options_.btag_efficiency << " / mistag "
       << options_.mistag_rate << ", seed " << options_.seed;
  return text.str();
}

ObjectEvent ObjectEventGenerator::next() {
  Random& random = random_;
  ObjectEvent event;
  event.number = events_++;
  event.process = object_process_name(options_.process);
  event.truth = event.process;
  std::vector<Truth> truth;

  // Initial-state radiation jets and a soft unclustered kT; returns the hard system's transverse momentum
  // (which balances both) and the soft kT: {system px, system py, soft px, soft py}.
  const auto add_recoil = [&](double mean_jets) {
    double px = 0, py = 0;
    const int jets = random.poisson(mean_jets);
    for (int i = 0; i < jets; ++i) {
      GeneratorOptions spectrum;
      spectrum.pt_min_gev = kIsrPtMinGeV;
      spectrum.pt_max_gev = kIsrPtMaxGeV;
      spectrum.pt_spectrum = PtSpectrum::falling;
      spectrum.pt_power = kIsrPower;
      const FourVector jet = FourVector::from_pt_eta_phi_m(sample_pt(spectrum, random),
                                                          random.uniform(-kIsrAbsEtaMax, kIsrAbsEtaMax), random.phi(), 0);
      truth.push_back({jet, TruthKind::light_quark, 0});
      px -= jet.px;
      py -= jet.py;
    }
    const double kt = random.exponential(kSoftKtGeV), phi = random.phi();
    return std::array<double, 4>{px - kt * std::cos(phi), py - kt * std::sin(phi), kt * std::cos(phi),
                                 kt * std::sin(phi)};
  };
  const auto add_lepton_pair = [&](const FourVector& boson, TruthKind kind, bool drell_yan) {
    const double m = lepton_mass(kind);
    const TwoBody pair = drell_yan ? decay_two_body_polar(boson, m, m, {0, 0, 1}, sample_drell_yan_cos_theta(random),
                                                          random)
                                   : decay_two_body(boson, m, m, random);
    const int sign = random.chance(0.5) ? +1 : -1;
    truth.push_back({pair.first, kind, sign});
    truth.push_back({pair.second, kind, -sign});
  };

  double soft_px = 0, soft_py = 0;
  switch (options_.process) {
    case ObjectProcess::ttbar: {
      const auto recoil = add_recoil(options_.ttbar_extra_jets);
      soft_px = recoil[2];
      soft_py = recoil[3];
      const double m1 = sample_breit_wigner({kTopMass, kTopWidth}, 1e9, random);
      const double m2 = sample_breit_wigner({kTopMass, kTopWidth}, 1e9, random);
      const double mass = m1 + m2 + kTtbarExcessScaleGeV * random.gamma(kTtbarExcessShape);
      const FourVector system =
          system_momentum(mass, recoil[0], recoil[1], kSystemRapiditySigma * random.gaussian());
      const TwoBody tops = decay_two_body(system, m1, m2, random);
      // The top (first) or the anti-top (second) decays leptonically.
      const bool top_leptonic = random.chance(0.5);
      for (int k = 0; k < 2; ++k) {
        const FourVector& top = k == 0 ? tops.first : tops.second;
        const int w_charge = k == 0 ? +1 : -1;
        const double top_mass = k == 0 ? m1 : m2;
        const double w_mass = sample_breit_wigner({kWMass, kWWidth}, 0.999 * top_mass, random);
        const TwoBody bw = decay_two_body(top, 0, w_mass, random);
        truth.push_back({bw.first, TruthKind::b_quark, 0});
        const bool leptonic = (k == 0) == top_leptonic;
        if (leptonic) {
          const TruthKind lepton = random_lepton(random);
          const TwoBody lv = decay_two_body(bw.second, lepton_mass(lepton), 0, random);
          truth.push_back({lv.first, lepton, w_charge});
          truth.push_back({lv.second, TruthKind::neutrino, 0});
        } else {
          const TwoBody qq = decay_two_body(bw.second, 0, 0, random);
          truth.push_back({qq.first, TruthKind::light_quark, 0});
          truth.push_back({qq.second, TruthKind::light_quark, 0});
        }
      }
      break;
    }
    case ObjectProcess::wjets: {
      const auto recoil = add_recoil(kWjetsExtraJets);
      soft_px = recoil[2];
      soft_py = recoil[3];
      const double mass = sample_breit_wigner({kWMass, kWWidth}, 1e9, random);
      const FourVector w = system_momentum(mass, recoil[0], recoil[1], kSystemRapiditySigma * random.gaussian());
      const TruthKind lepton = random_lepton(random);
      const TwoBody lv = decay_two_body(w, lepton_mass(lepton), 0, random);
      truth.push_back({lv.first, lepton, random.chance(0.5) ? +1 : -1});
      truth.push_back({lv.second, TruthKind::neutrino, 0});
      break;
    }
    case ObjectProcess::dy: {
      const auto recoil = add_recoil(kDyExtraJets);
      soft_px = recoil[2];
      soft_py = recoil[3];
      double mass = 0;
      if (random.chance(kDyContinuumFraction)) {
        mass = sample_inverse_square(kDyMassLow, kDyMassHigh, random);
      } else {
        do {
          mass = sample_breit_wigner({kZMass, kZWidth}, kDyMassHigh, random);
        } while (mass < kDyMassLow);
      }
      const FourVector z = system_momentum(mass, recoil[0], recoil[1], kSystemRapiditySigma * random.gaussian());
      add_lepton_pair(z, random_lepton(random), true);
      break;
    }
    case ObjectProcess::dimuon: {
      double r = random.uniform();
      double mass = 0;
      event.truth = "continuum";
      for (const DimuonResonance& resonance : dimuon_resonances()) {
        if (r < resonance.fraction) {
          event.truth = resonance.name;
          mass = sample_breit_wigner({resonance.mass_gev, resonance.width_gev}, 1e9, random);
          break;
        }
        r -= resonance.fraction;
      }
      if (mass == 0) mass = sample_inverse_square(kDimuonMassLow, kDimuonMassHigh, random);
      const double pt = random.exponential(kDimuonMeanPtGeV), phi = random.phi();
      const FourVector system = system_momentum(mass, pt * std::cos(phi), pt * std::sin(phi),
                                                random.uniform(-kDimuonAbsRapidityMax, kDimuonAbsRapidityMax));
      soft_px = -system.px;
      soft_py = -system.py;
      add_lepton_pair(system, TruthKind::muon, false);
      break;
    }
  }

  // Reconstruction: smear what is in acceptance; whatever visible is lost counts as unclustered energy.
  const double lepton_pt_min =
      options_.process == ObjectProcess::dimuon ? options_.dimuon_muon_pt_min_gev : options_.lepton_pt_min_gev;
  double unclustered_px = soft_px, unclustered_py = soft_py;
  double sum_et = std::hypot(soft_px, soft_py);
  std::vector<RecoObject> leptons, jets;
  for (const Truth& t : truth) {
    if (t.kind == TruthKind::neutrino) continue;
    const double pt = t.p.pt();
    const double eta = t.p.eta();
    RecoObject object;
    object.eta = eta;
    object.phi = t.p.phi();
    bool accepted = false;
    if (t.kind == TruthKind::muon || t.kind == TruthKind::electron) {
      const bool muon = t.kind == TruthKind::muon;
      const double sigma = muon ? std::hypot(options_.muon_resolution, options_.muon_resolution_slope * pt)
                                : std::hypot(options_.electron_stochastic / std::sqrt(t.p.e), options_.electron_constant);
      object.type = muon ? ObjectType::muon : ObjectType::electron;
      object.pt = pt * std::max(0.0, 1 + sigma * random.gaussian());
      object.mass = lepton_mass(t.kind);
      object.charge = t.charge;
      accepted = object.pt > lepton_pt_min && std::abs(eta) < options_.lepton_abs_eta_max;
      if (accepted) leptons.push_back(object);
    } else {
      const double sigma = std::hypot(options_.jet_stochastic / std::sqrt(t.p.e), options_.jet_constant);
      object.type = ObjectType::jet;
      object.pt = pt * std::max(0.0, 1 + sigma * random.gaussian());
      accepted = object.pt > options_.jet_pt_min_gev && std::abs(eta) < options_.jet_abs_eta_max;
      if (accepted) {
        object.btag = random.chance(t.kind == TruthKind::b_quark ? options_.btag_efficiency : options_.mistag_rate);
        jets.push_back(object);
      }
    }
    if (accepted) {
      sum_et += object.pt;
    } else {
      unclustered_px += t.p.px;
      unclustered_py += t.p.py;
      sum_et += pt;
    }
  }
  const auto by_pt = [](const RecoObject& a, const RecoObject& b) { return a.pt > b.pt; };
  std::sort(leptons.begin(), leptons.end(), by_pt);
  std::sort(jets.begin(), jets.end(), by_pt);
  event.objects = std::move(leptons);
  event.objects.insert(event.objects.end(), jets.begin(), jets.end());

  // Missing ET: minus the visible transverse momentum, with a resolution growing with sqrt(sum ET).
  double met_x = -unclustered_px, met_y = -unclustered_py;
  for (const RecoObject& object : event.objects) {
    met_x -= object.pt * std::cos(object.phi);
    met_y -= object.pt * std::sin(object.phi);
  }
  const double noise = options_.met_resolution * std::sqrt(sum_et);
  met_x += noise * random.gaussian();
  met_y += noise * random.gaussian();
  event.met = {std::hypot(met_x, met_y), std::atan2(met_y, met_x)};
  return event;
}

}  // namespace jetstudy::events::generator
