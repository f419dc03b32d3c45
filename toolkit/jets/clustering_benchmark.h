// The jets benchmark of issue 3: clustering + grooming + substructure from raw events against a plain FastJet
// clustering loop over the same events (the peer). Rates are events per second on one core; each function
// times `repeats` passes over the events and returns the best pass.
#pragma once

#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/jets/jet_finder.h"

namespace jetstudy::jets {

// (a) The peer: each event's particles into PseudoJets, fastjet::ClusterSequence with anti-kT of radius R
// (strategy Best, E-scheme), inclusive_jets sorted by pT.
double fastjet_clustering_rate(const std::vector<events::Event>& events, double R = 1.0, int repeats = 1);

// (b) jetstudy: JetFinder(spec).find on each event, then compute_substructure of the leading jet.
double jet_substructure_rate(const std::vector<events::Event>& events, const JetSpec& spec, int repeats = 1);

}  // namespace jetstudy::jets
