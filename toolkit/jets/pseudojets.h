// FastJet-facing helpers shared inside toolkit/jets/ (internal: nothing outside jets/ includes this): plain
// jets back to PseudoJets and PseudoJets out to plain subjets.
#pragma once

#include <vector>

#include <fastjet/PseudoJet.hh>

#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

// m = sqrt(m^2), or 0 for the tiny negative m^2 that rounding gives a massless jet.
double mass_of(const fastjet::PseudoJet& jet);
Subjet to_subjet(const fastjet::PseudoJet& jet);
// The constituents as four-vectors (px = pT cos phi, py = pT sin phi, pz = pT sinh eta, E), user_index = their
// position in jet.constituents.
std::vector<fastjet::PseudoJet> constituent_pseudojets(const Jet& jet);

// Subjets of a set of constituents, pT-ordered (see subjets.h for the rules).
std::vector<Subjet> exclusive_kt_subjets(const std::vector<fastjet::PseudoJet>& constituents, int n);
std::vector<Subjet> inclusive_kt_subjets(const std::vector<fastjet::PseudoJet>& constituents, double R);

}  // namespace jetstudy::jets
