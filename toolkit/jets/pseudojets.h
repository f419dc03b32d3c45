// FastJet-facing helpers shared inside toolkit/jets/ (internal: nothing outside jets/ includes this): PseudoJets
// in and out of the flat arrays and plain structs the rest of jets/ works on.
#pragma once

#include <vector>

#include <fastjet/ClusterSequence.hh>
#include <fastjet/PseudoJet.hh>

#include "toolkit/jets/constituent_view.h"
#include "toolkit/jets/jet.h"
#include "toolkit/jets/kt_clustering.h"

namespace jetstudy::jets {

// m = sqrt(m^2), or 0 for the tiny negative m^2 that rounding gives a massless jet.
double mass_of(const fastjet::PseudoJet& jet);
// eta = asinh(pz / pT), the definition: a quarter of the cost of PseudoJet::pseudorapidity's -log(tan(theta/2))
// (atan, tan, log) and no less exact; FastJet's 1e5 for pT = 0.
double pseudorapidity_of(const fastjet::PseudoJet& jet);
Subjet to_subjet(const fastjet::PseudoJet& jet);
// pT-ordered subjets (leading first) of kT pieces.
std::vector<Subjet> to_subjets(const std::vector<KtPiece>& pieces);
// PseudoJets as flat arrays, in the same order, with FastJet's own (cached) rapidity and azimuth.
ConstituentView view_of(const std::vector<const fastjet::PseudoJet*>& particles);
ConstituentView view_of(const std::vector<fastjet::PseudoJet>& particles);
// The particles of a jet of `sequence`, in the order PseudoJet::constituents() lists them, as pointers into the
// sequence's own list: its clustering history walked without copying a PseudoJet.
std::vector<const fastjet::PseudoJet*> constituents_of(const fastjet::ClusterSequence& sequence,
                                                       const fastjet::PseudoJet& jet);

}  // namespace jetstudy::jets
