// jetstudy's built-in Monte Carlo (docs/generator.md): one boosted hard object per event (a QCD parton, a
// decaying W/Z/H/top, or the W of a W' -> WZ decay), an angular-ordered leading-log parton shower, simple
// hadronisation, an underlying event, Poisson pile-up and an optional detector (detector.h). Not Pythia: it
// models what jet taggers learn (prongs, mass, colour flow, multiplicity, charge) and is reproducible from
// its seed. `quark` and `gluon` are qcd with the hard parton's kind forced, the two classes of quark/gluon
// tagging (Komiske, Metodiev, Schwartz, arXiv:1612.01551).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/events/generator/detector.h"

namespace jetstudy::events::generator {

enum class Process { qcd, w, z, h, top, wprime, quark, gluon };

// "qcd", "w", "z", "h", "top", "wprime", "quark", "gluon"; parse throws core::InputError naming the closest
// valid name.
Process parse_process(const std::string& name);
std::string process_name(Process process);
std::vector<std::string> process_names();

// qcd, quark and gluon: a lone light parton (no resonance) showers into the jet.
bool is_lone_parton(Process process);

// How the hard object's pT is drawn inside the window: flat, or falling as pT^-n (n = pt_power) like a
// QCD jet spectrum. "flat", "falling"; parse throws core::InputError naming the valid names.
enum class PtSpectrum { flat, falling };
PtSpectrum parse_pt_spectrum(const std::string& name);
std::string pt_spectrum_name(PtSpectrum spectrum);

struct GeneratorOptions {
  Process process = Process::qcd;
  double pt_min_gev = 350;         // the hard object's pT is sampled in [pt_min_gev, pt_max_gev]
  double pt_max_gev = 450;
  PtSpectrum pt_spectrum = PtSpectrum::flat;
  double pt_power = 5;             // falling spectrum: dN/dpT ~ pT^-pt_power
  double quark_fraction = 0.5;     // qcd only: probability that the hard parton is a light quark, else a gluon
                                   // (quark: always 1, gluon: always 0, whatever this says)
  // wprime only: the W' mass (width 3 % of it). The jet is the W; its pT comes from the decay (Jacobian peak
  // near the two-body momentum, ~391 GeV at 800 GeV) and the window selects W's (events outside are redrawn).
  // 800 GeV puts the jet-images window (W pT 250-300 GeV, arXiv:1511.05190) on the rising Jacobian slope.
  double wprime_mass_gev = 800;
  bool wprime_z_invisible = false;  // wprime only: Z -> nu nubar (the W is then the only hadronic boson)
  double pileup_mu = 0;            // mean number of pile-up interactions (Poisson)
  bool underlying_event = true;
  DetectorLevel detector = DetectorLevel::none;  // none: particles; else towers (+ tracks), detector.h
  std::uint64_t seed = 1;
};

// Reads a pT window "MIN:MAX" in GeV (as `jetstudy generate --pt 250:300`) into pt_min_gev/pt_max_gev; throws
// core::InputError "--pt expects MIN:MAX in GeV ..." for anything else. The window is checked by the Generator.
void parse_pt_window(const std::string& text, GeneratorOptions& options);

// The probability that the hard parton is a light quark: quark_fraction for qcd, 1 for quark, 0 for gluon
// (and 0 for the other processes, which have no lone parton).
double effective_quark_fraction(const GeneratorOptions& options);

// Checks the options as the Generator's constructor does (throws core::InputError saying what is right).
void check_generator_options(const GeneratorOptions& options);

// The collisions the hard objects come from: the LHC at its design energy, sqrt(s) = 14 TeV. One object of a
// collision carries at most sqrt(s)/2 of energy: that bounds the pT window (check_generator_options) and, at
// multi-TeV pT, the object's |eta| (hard_process.h).
inline constexpr double kCollisionEnergyGev = 14000;
// The momentum of an object of this mass carrying all of sqrt(s)/2: sqrt((sqrt(s)/2)^2 - m^2). With the mass,
// the largest pT; with the transverse mass mT, the largest |pz| at that pT.
double largest_momentum_gev(double mass_gev);

// The largest pT the W from a W' of this mass reaches in the W' rest frame (the two-body momentum, nominal
// W and Z masses); a wprime pT window must start below it.
double wprime_w_momentum_gev(double wprime_mass_gev);

class Generator {
 public:
  explicit Generator(GeneratorOptions options);  // throws core::InputError for impossible options
  ~Generator();
  Generator(Generator&&) noexcept;
  Generator& operator=(Generator&&) noexcept;

  Event next();  // final-state particles of the next event
  const GeneratorOptions& options() const { return options_; }
  std::string description() const;

 private:
  struct State;
  GeneratorOptions options_;
  std::unique_ptr<State> state_;
};

}  // namespace jetstudy::events::generator
