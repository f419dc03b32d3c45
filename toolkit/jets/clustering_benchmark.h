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

}  // namespace jetstudy::jets
