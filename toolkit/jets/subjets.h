// Subjets of a jet from its constituents: exclusive kT subjets (the constituents clustered with kT until N
// remain; Catani, Dokshitzer, Seymour, Webber, Nucl. Phys. B406 (1993) 187) and inclusive kT subjets of a small
// radius (as trimming uses, Krohn, Thaler, Wang, arXiv:0912.1342). Both pT-ordered, leading first.
#pragma once

#include <vector>

#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

// Exactly n subjets when the jet has at least n constituents. A jet with fewer constituents than n is not an
// error: it gets one subjet per constituent (FastJet's exclusive_jets_up_to), so the caller can count and skip
// it by checking size() < n. Throws core::InputError for n < 1.
std::vector<Subjet> exclusive_kt_subjets(const Jet& jet, int n);

// kT subjets of radius R (> 0, else core::InputError); a jet without constituents has none.
std::vector<Subjet> inclusive_kt_subjets(const Jet& jet, double R);

}  // namespace jetstudy::jets
