#include "toolkit/events/generator/detector.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/four_vector.h"
#include "toolkit/events/generator/particle_data.h"

namespace jetstudy::events::generator {

DetectorLevel parse_detector_level(const std::string& name) {
  if (name == "none") return DetectorLevel::none;
  if (name == "towers") return DetectorLevel::towers;
  if (name == "towers+tracks") return DetectorLevel::towers_and_tracks;
  throw core::InputError("unknown detector level '" + name + "' (known: none, towers, towers+tracks)");
}

std::string detector_level_name(DetectorLevel level) {
  switch (level) {
    case DetectorLevel::none: return "none";
    case DetectorLevel::towers: return "towers";
    case DetectorLevel::towers_and_tracks: return "towers+tracks";
  }
  JETSTUDY_CHECK(false, "detector level without a name");
  return {};
}

double em_resolution(const DetectorOptions& options, double energy_gev) {
  if (energy_gev <= 0) return 0;
  return std::hypot(options.em_stochastic / std::sqrt(energy_gev), options.em_constant);
}

double hadron_resolution(const DetectorOptions& options, double energy_gev) {
  if (energy_gev <= 0) return 0;
  return std::hypot(options.hadron_stochastic / std::sqrt(energy_gev), options.hadron_constant);
}

namespace {

bool is_invisible_in_calorimeter(int pid) {
  const int kind = pid > 0 ? pid : -pid;
  return kind == pdg::kMuon || kind == pdg::kElectronNeutrino || kind == pdg::kMuonNeutrino || kind == 16;
}

bool is_electromagnetic(int pid) {
  const int kind = pid > 0 ? pid : -pid;
  return kind == pdg::kPhoton || kind == pdg::kElectron;
}

// What one tower collected (true energies) and which reconstructed tracks point at it.
struct Cell {
  bool used = false;
  double em = 0, hadronic = 0;                  // true deposits
  double pileup = 0;                            // true energy from pile-up particles
  double untracked_em = 0, untracked_hadronic = 0;  // true deposits of particles without a track
  double track_energy = 0;                      // measured energy of the tracks pointing here
  double track_variance = 0;                    // calorimeter variance expected for those tracks
};

// splitmix64 (Steele, Lea & Flood, OOPSLA 2014): spreads (seed, event number) over the engine's seeds.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

Detector::Detector(DetectorOptions options) : options_(options) {
  const auto bad = [](const std::string& what) { throw core::InputError("detector: " + what); };
  if (!(options_.tower_size > 0 && options_.tower_size < 1)) bad("tower_size must be in (0, 1)");
  if (!(options_.abs_eta_max > 0 && options_.abs_eta_max < 10)) bad("abs_eta_max must be in (0, 10)");
  if (!(options_.track_efficiency >= 0 && options_.track_efficiency <= 1)) {
    bad("track_efficiency must be in [0, 1] (got " + std::to_string(options_.track_efficiency) + ")");
  }
  for (const double resolution : {options_.em_stochastic, options_.em_constant, options_.hadron_stochastic,
                                  options_.hadron_constant, options_.track_resolution,
                                  options_.track_resolution_slope, options_.tower_threshold_gev,
                                  options_.track_pt_min_gev, options_.neutral_significance}) {
    if (!(resolution >= 0) || !std::isfinite(resolution)) bad("resolutions and thresholds must be finite and >= 0");
  }
  eta_bins_ = static_cast<int>(std::lround(2 * options_.abs_eta_max / options_.tower_size));
  phi_bins_ = static_cast<int>(std::lround(2 * std::numbers::pi / options_.tower_size));
}

Event Detector::simulate(const Event& particles, std::uint64_t seed) const {
  Random random(mix(seed ^ mix(particles.number)));
  return simulate(particles, random);
}

Event Detector::simulate(const Event& particles, Random& random) const {
  if (options_.level == DetectorLevel::none) return particles;
  const bool with_tracks = options_.level == DetectorLevel::towers_and_tracks;
  const double eta_step = 2 * options_.abs_eta_max / eta_bins_;
  const double phi_step = 2 * std::numbers::pi / phi_bins_;

  std::vector<Cell> cells(static_cast<std::size_t>(eta_bins_) * phi_bins_);
  std::vector<int> touched;
  Event out;
  out.number = particles.number;

  for (const Particle& particle : particles.particles) {
    const FourVector p{particle.px, particle.py, particle.pz, particle.e};
    const double pt = p.pt();
    if (pt <= 0) continue;  // along the beam: outside every acceptance
    const double eta = p.eta();
    if (std::abs(eta) >= options_.abs_eta_max) continue;
    const int eta_bin = std::min(eta_bins_ - 1, static_cast<int>((eta + options_.abs_eta_max) / eta_step));
    const int phi_bin = std::min(phi_bins_ - 1, static_cast<int>((p.phi() + std::numbers::pi) / phi_step));
    const int index = eta_bin * phi_bins_ + phi_bin;
    const bool electromagnetic = is_electromagnetic(particle.pid);

    // Tracker: charged particles above threshold, with efficiency and pT resolution.
    bool tracked = false;
    double track_energy = 0;
    if (with_tracks && particle.charge != 0 && pt > options_.track_pt_min_gev &&
        random.chance(options_.track_efficiency)) {
      const double sigma = std::hypot(options_.track_resolution, options_.track_resolution_slope * pt);
      const double scale = 1 + sigma * random.gaussian();
      if (scale > 0) {
        const int kind = particle.pid > 0 ? particle.pid : -particle.pid;
        const bool lepton = kind == pdg::kElectron || kind == pdg::kMuon;
        const int sign = particle.charge > 0 ? +1 : -1;
        const int pid = lepton ? particle.pid : sign * pdg::kPiPlus;
        const double mass = lepton ? p.m() : pdg::kPiPlusMass;
        const FourVector track = FourVector::from_p_m(scale * p.p3(), mass);
        out.particles.push_back({track.px, track.py, track.pz, track.e, pid, particle.charge, particle.from_pileup});
        tracked = true;
        track_energy = track.e;
      }
    }

    // Calorimeter: everything but muons and neutrinos.
    if (is_invisible_in_calorimeter(particle.pid)) continue;
    Cell& cell = cells[static_cast<std::size_t>(index)];
    if (!cell.used) {
      cell.used = true;
      touched.push_back(index);
    }
    (electromagnetic ? cell.em : cell.hadronic) += particle.e;
    if (particle.from_pileup) cell.pileup += particle.e;
    if (tracked) {
      cell.track_energy += track_energy;
      const double resolution = electromagnetic ? em_resolution(options_, particle.e)
                                                : hadron_resolution(options_, particle.e);
      cell.track_variance += resolution * resolution * particle.e * particle.e;
    } else {
      (electromagnetic ? cell.untracked_em : cell.untracked_hadronic) += particle.e;
    }
  }

  // Towers in (eta row, phi column) order, independent of the particles' order.
  std::sort(touched.begin(), touched.end());
  for (const int index : touched) {
    const Cell& cell = cells[static_cast<std::size_t>(index)];
    double energy = 0;
    if (cell.em > 0) energy += cell.em * (1 + em_resolution(options_, cell.em) * random.gaussian());
    if (cell.hadronic > 0) energy += cell.hadronic * (1 + hadron_resolution(options_, cell.hadronic) * random.gaussian());
    int pid = 0;
    if (with_tracks) {
      // Particle flow: only the energy the tracks do not explain, if it is significant, becomes a neutral.
      energy -= cell.track_energy;
      if (energy <= options_.neutral_significance * std::sqrt(cell.track_variance)) continue;
      pid = cell.untracked_em >= cell.untracked_hadronic ? pdg::kPhoton : pdg::kKLong;
    }
    if (energy <= options_.tower_threshold_gev) continue;
    const double eta = -options_.abs_eta_max + (index / phi_bins_ + 0.5) * eta_step;
    const double phi = -std::numbers::pi + (index % phi_bins_ + 0.5) * phi_step;
    const FourVector tower = FourVector::from_pt_eta_phi_m(energy / std::cosh(eta), eta, phi, 0);
    const bool pileup = cell.pileup > 0.5 * (cell.em + cell.hadronic);
    out.particles.push_back({tower.px, tower.py, tower.pz, tower.e, pid, 0, pileup});
  }
  return out;
}

std::string Detector::description() const {
  std::ostringstream text;
  text << "detector " << detector_level_name(options_.level) << ": towers " << options_.tower_size << "x"
       << options_.tower_size << " |eta| < " << options_.abs_eta_max << ", EM " << 100 * options_.em_stochastic
       << "%/sqrt(E) + " << 100 * options_.em_constant << "%, hadronic " << 100 * options_.hadron_stochastic
       << "%/sqrt(E) + " << 100 * options_.hadron_constant << "%, threshold " << options_.tower_threshold_gev
       << " GeV";
  if (options_.level == DetectorLevel::towers_and_tracks) {
    text << "; tracks pT > " << options_.track_pt_min_gev << " GeV, efficiency " << options_.track_efficiency
         << ", sigma(pT)/pT " << 100 * options_.track_resolution << "% + " << 100 * options_.track_resolution_slope
         << "% x pT/GeV";
  }
  return text.str();
}

}  // namespace jetstudy::events::generator
