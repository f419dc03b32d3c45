#include "toolkit/events/generator/generator.h"

#include <cmath>
#include <sstream>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/hadronisation.h"
#include "toolkit/events/generator/hard_process.h"
#include "toolkit/events/generator/parton_shower.h"
#include "toolkit/events/generator/random.h"
#include "toolkit/events/generator/underlying_event.h"

namespace jetstudy::events::generator {

double largest_momentum_gev(double mass_gev) {
  const double half = 0.5 * kCollisionEnergyGev;
  return std::sqrt(std::max(0.0, (half - mass_gev) * (half + mass_gev)));
}

void check_generator_options(const GeneratorOptions& options) {
  const auto bad = [](const std::string& what) { throw core::InputError("generator: " + what); };
  const std::string collision_energy = "sqrt(s) = " + core::rounded(kCollisionEnergyGev / 1000) + " TeV";
  if (!std::isfinite(options.pt_min_gev) || !std::isfinite(options.pt_max_gev)) {
    bad("the pT window must be finite numbers of GeV");
  }
  if (options.pt_min_gev <= 0) {
    bad("pt_min must be > 0 GeV (got " + core::rounded(options.pt_min_gev) + ")");
  }
  if (options.pt_min_gev > options.pt_max_gev) {
    bad("pt_min (" + core::rounded(options.pt_min_gev) + " GeV) must not exceed pt_max (" +
        core::rounded(options.pt_max_gev) + " GeV)");
  }
  if (!(options.quark_fraction >= 0 && options.quark_fraction <= 1)) {
    bad("quark_fraction must be in [0, 1] (got " + core::rounded(options.quark_fraction) + ")");
  }
  if (!(options.pileup_mu >= 0) || !std::isfinite(options.pileup_mu)) {
    bad("pile-up mu must be a finite number >= 0 (got " + core::rounded(options.pileup_mu) + ")");
  }
  if (options.pt_spectrum == PtSpectrum::falling && !(options.pt_power > 0 && options.pt_power < 20)) {
    bad("pt_power of a falling spectrum must be in (0, 20) (got " + core::rounded(options.pt_power) + ")");
  }
  if (options.process == Process::wprime) {
    const double threshold = resonance_shape(Process::w).mass_gev + resonance_shape(Process::z).mass_gev;
    if (!(options.wprime_mass_gev > threshold + 20) || !std::isfinite(options.wprime_mass_gev)) {
      bad("wprime_mass_gev must be a finite mass above the W Z threshold, > " + core::rounded(threshold + 20) +
          " GeV (got " + core::rounded(options.wprime_mass_gev) + ")");
    }
    if (!(options.wprime_mass_gev < kCollisionEnergyGev)) {
      bad("a W' of " + core::rounded(options.wprime_mass_gev) + " GeV cannot be produced at the LHC's " +
          collision_energy + "; choose wprime_mass_gev below " + core::rounded(kCollisionEnergyGev) + " GeV");
    }
    const double reach = wprime_w_momentum_gev(options.wprime_mass_gev);
    if (options.pt_min_gev >= reach) {
      bad("a W from a " + core::rounded(options.wprime_mass_gev) + " GeV W' has pT up to about " +
          core::rounded(reach) + " GeV; choose pt_min below that or raise wprime_mass_gev (pt_min " +
          core::rounded(options.pt_min_gev) + " GeV)");
    }
  } else {
    // The window must lie below the reach of the heaviest object the Breit-Wigner draws.
    const ResonanceShape shape = resonance_shape(options.process);
    const double heaviest = shape.mass_gev + HardProcess::kBreitWignerWindow * shape.width_gev;
    const double reach = largest_momentum_gev(heaviest);
    if (options.pt_max_gev >= reach) {
      bad("pT up to " + core::rounded(options.pt_max_gev) + " GeV cannot be produced at the LHC's " + collision_energy +
          ": one object of a collision carries at most sqrt(s)/2 = " + core::rounded(kCollisionEnergyGev / 2) +
          " GeV of energy, so the pT of the hard object (" +
          process_name(options.process) + ", mass up to " + core::rounded(heaviest) + " GeV) stays below " +
          core::rounded(reach) + " GeV; choose pt_max below that");
    }
  }
}

struct Generator::State {
  explicit State(const GeneratorOptions& options)
      : random(options.seed), hard_process(options, shower), detector(detector_options(options.detector)) {}

  static DetectorOptions detector_options(DetectorLevel level) {
    DetectorOptions options;
    options.level = level;
    return options;
  }

  Random random;
  PartonShower shower;  // before hard_process, which refers to it
  HardProcess hard_process;
  Hadronisation hadronisation;
  SoftInteractions soft;
  Detector detector;
  std::uint64_t events = 0;
  // Scratch space reused between events.
  std::vector<std::vector<Parton>> showered;
  std::vector<Hadron> hadrons;
};

Generator::Generator(GeneratorOptions options) : options_(options) {
  check_generator_options(options_);
  state_ = std::make_unique<State>(options_);
}

Generator::~Generator() = default;
Generator::Generator(Generator&&) noexcept = default;
Generator& Generator::operator=(Generator&&) noexcept = default;

Event Generator::next() {
  State& s = *state_;
  const HardScatter scatter = s.hard_process.sample(s.random);

  // Shower each parton, then put every decayed resonance back on its four-momentum (innermost first).
  s.showered.resize(scatter.seeds.size());
  for (std::size_t i = 0; i < scatter.seeds.size(); ++i) {
    s.showered[i].clear();
    s.shower.shower(scatter.seeds[i], s.random, s.showered[i]);
  }
  if (is_lone_parton(options_.process)) {
    // A lone parton gets its mass from recoil against the rest of the event, which is not simulated: keep
    // its three-momentum (the sampled pT and direction) and let the jet's mass raise its energy.
    std::vector<Parton*> products;
    FourVector jet;
    for (Parton& parton : s.showered[0]) {
      products.push_back(&parton);
      jet += parton.momentum;
    }
    if (products.size() > 1) restore_momentum(products, FourVector::from_p_m(scatter.object.p3(), jet.m()));
  }
  for (const ResonanceDecay& decay : scatter.decays) {
    std::vector<Parton*> products;
    for (int seed : decay.seeds) {
      for (Parton& parton : s.showered[seed]) products.push_back(&parton);
    }
    restore_momentum(products, decay.parent);
  }

  // Hadronise in the object's zero-rapidity frame, then boost along the beam to the lab.
  s.hadrons.clear();
  for (const auto& partons : s.showered) {
    for (const Parton& parton : partons) s.hadronisation.hadronise(parton, s.random, s.hadrons);
  }
  Event event;
  event.number = s.events++;
  event.particles.reserve(s.hadrons.size() + 80 * (1 + static_cast<std::size_t>(options_.pileup_mu)));
  for (const Hadron& hadron : s.hadrons) {
    const FourVector p = hadron.momentum.boosted_z(scatter.rapidity);
    event.particles.push_back({p.px, p.py, p.pz, p.e, hadron.pid, hadron.charge, false});
  }
  for (const Hadron& particle : scatter.colourless) {
    const FourVector p = particle.momentum.boosted_z(scatter.rapidity);
    event.particles.push_back({p.px, p.py, p.pz, p.e, particle.pid, particle.charge, false});
  }
  if (options_.underlying_event) s.soft.add_interaction(s.random, false, event.particles);
  s.soft.add_pileup(options_.pileup_mu, s.random, event.particles);
  if (options_.detector != DetectorLevel::none) return s.detector.simulate(event, s.random);
  return event;
}

std::string Generator::description() const {
  std::ostringstream text;
  text << "built-in generator: " << process_name(options_.process);
  if (options_.process == Process::wprime) {
    text << " (m = " << options_.wprime_mass_gev << " GeV, Z -> " << (options_.wprime_z_invisible ? "nu nu" : "q q")
         << "), W pT " << options_.pt_min_gev << "-" << options_.pt_max_gev << " GeV from the decay, |eta| < 2";
  } else {
    text << ", pT " << options_.pt_min_gev << "-" << options_.pt_max_gev << " GeV ";
    if (options_.pt_spectrum == PtSpectrum::flat) {
      text << "flat";
    } else {
      text << "falling as pT^-" << options_.pt_power;
    }
    text << ", |eta| < 2";
  }
  if (options_.process == Process::qcd) text << ", quark fraction " << options_.quark_fraction;
  text << ", underlying event " << (options_.underlying_event ? "on" : "off") << ", pile-up mu "
       << options_.pileup_mu;
  if (options_.detector != DetectorLevel::none) text << ", " << state_->detector.description();
  text << ", seed " << options_.seed;
  return text.str();
}

}  // namespace jetstudy::events::generator
