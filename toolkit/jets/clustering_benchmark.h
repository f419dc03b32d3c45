// The jets benchmark of issue 3: clustering + grooming + substructure from raw events against a plain FastJet
// clustering loop over the same events (the peer). Rates are events per second on one core.
#pragma once

#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/jets/jet_finder.h"

namespace jetstudy::jets {

struct ClusteringRates {
  // (a) The peer: each event's particles into PseudoJets, fastjet::ClusterSequence with anti-kT of the spec's
  // radius (strategy Best, E-scheme), inclusive_jets sorted by pT.
  double fastjet = 0;
  // (b) jetstudy: JetFinder(spec).find on each event, then compute_substructure of the leading jet.
  double jetstudy = 0;
};

// `repeats` passes of each over the events, the two sides taking turns so that a machine that speeds up or slows
// down meanwhile touches both alike; each side's best pass counts. Throws core::InputError for no events or
// repeats < 1.
ClusteringRates compare_clustering_rates(const std::vector<events::Event>& events, const JetSpec& spec,
                                         int repeats = 1);

// Where jetstudy's time goes beyond FastJet's event clustering: the two kT reclusterings of the leading jet
// (trimming's subjets of radius R_sub, and the exclusive-kT axes of N-subjettiness with both recombinations),
// against FastJet's ClusterSequence doing the same on the same constituents. Jets per second on one core.
struct ReclusteringRates {
  // (a) The peer: ClusterSequence(kT, R_sub).inclusive_jets(fcut pT_jet) (fastjet::Filter's trimming without its
  // composite-jet bookkeeping), then the kept subjets' constituents into ClusterSequence(kT, max_allowable_R) with
  // the E-scheme and with WTA_pt_scheme, exclusive_jets(N) for N = 1..4 (as fjcontrib's Nsubjettiness finds its
  // axes). Strategy Best throughout.
  double fastjet = 0;
  // (b) jetstudy: trim() and exclusive_kt_axes_both() (trimming.h, kt_clustering.h).
  double jetstudy = 0;
  // The two sides' checksums (trimmed pT, the axes' rapidities and azimuths) differ by this, relatively: the same
  // results, up to the order of the sums.
  double checksum_difference = 0;
  std::size_t jets = 0;  // leading jets timed (events with at least one jet)
};

// On the leading anti-kT jet of radius spec.R of each event (FastJet, outside the timing, as the peer of
// compare_clustering_rates clusters), with the spec's trimming. Throws core::InputError for no events, repeats < 1,
// a spec without trimming, or events without jets (and, as JetFinder does, for non-finite momenta).
ReclusteringRates compare_reclustering_rates(const std::vector<events::Event>& events, const JetSpec& spec,
                                             int repeats = 1);

}  // namespace jetstudy::jets
