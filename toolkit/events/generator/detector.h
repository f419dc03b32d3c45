// A fast detector model for particle-level events (built-in generator or HepMC3): calorimeter towers of
// 0.1 x 0.1 in (eta, phi) over |eta| < 2.5 with stochastic energy resolution (EM: 10 %/sqrt(E) + 1 %, hadronic:
// 50 %/sqrt(E) + 3 %, added in quadrature), tracks for charged particles with efficiency and pT resolution, and
// a particle-flow-like combination (tracks plus the neutral excess of each tower, in the spirit of CMS
// particle flow, arXiv:1706.04965). Resolutions as in the Delphes ATLAS/CMS cards (arXiv:1307.6346).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/events/generator/random.h"

namespace jetstudy::events::generator {

// none: particles as generated; towers: calorimeter towers only; towers_and_tracks: tracks + neutral towers.
enum class DetectorLevel { none, towers, towers_and_tracks };

// "none", "towers", "towers+tracks"; parse throws core::InputError naming the valid names.
DetectorLevel parse_detector_level(const std::string& name);
std::string detector_level_name(DetectorLevel level);

struct DetectorOptions {
  DetectorLevel level = DetectorLevel::towers_and_tracks;
  double tower_size = 0.1;               // in eta and (to the nearest 2 pi / n) in phi
  double abs_eta_max = 2.5;              // calorimeter and tracker acceptance
  double em_stochastic = 0.10;           // photons and electrons: sigma/E = a/sqrt(E/GeV) (+) b
  double em_constant = 0.01;
  double hadron_stochastic = 0.50;       // everything else that deposits energy
  double hadron_constant = 0.03;
  double tower_threshold_gev = 0.5;      // towers (and neutral excesses) below this energy are dropped
  double track_pt_min_gev = 0.5;
  double track_efficiency = 0.9;
  double track_resolution = 0.01;        // sigma(pT)/pT = track_resolution (+) track_resolution_slope * pT
  double track_resolution_slope = 1e-4;  // per GeV
  // A neutral excess is kept only if the tower energy exceeds the matched tracks' energy by this many
  // standard deviations of the hadronic resolution at that energy (and by the threshold).
  double neutral_significance = 1.0;
};

// The expected relative energy resolution sigma/E of a calorimeter deposit of energy_gev.
double em_resolution(const DetectorOptions& options, double energy_gev);
double hadron_resolution(const DetectorOptions& options, double energy_gev);

// Turns particles into detector objects, returned as an Event with the same number:
// - tracks: charged particles with pT > track_pt_min_gev and |eta| < abs_eta_max, each kept with probability
//   track_efficiency, pT smeared (direction exact, no magnetic bending); electrons and muons keep their pid,
//   charged hadrons become +-211 with the pion mass (a tracker does not identify hadrons); from_pileup as
//   the particle's.
// - towers: massless four-vectors at the tower centre with the smeared energy (EM and hadronic deposits
//   smeared separately); muons and neutrinos deposit nothing; charge 0; pid 0 in `towers` mode, in
//   `towers+tracks` mode the neutral excess with pid 22 if photons/electrons carried most of the tower's
//   neutral energy, else 130 (a neutral hadron); from_pileup if pile-up particles carried more than half of
//   the tower's true energy.
// Output order: tracks first (input order), then towers (by eta row, then phi column).
class Detector {
 public:
  explicit Detector(DetectorOptions options = {});  // throws core::InputError for impossible options

  // Draws the smearing from `random` (the generator's engine); level none returns the event unchanged.
  Event simulate(const Event& particles, Random& random) const;
  // Standalone use (e.g. on HepMC3 events): the smearing is reproducible from (seed, event.number).
  Event simulate(const Event& particles, std::uint64_t seed) const;

  const DetectorOptions& options() const { return options_; }
  std::string description() const;

 private:
  DetectorOptions options_;
  int eta_bins_ = 0;
  int phi_bins_ = 0;
};

}  // namespace jetstudy::events::generator
