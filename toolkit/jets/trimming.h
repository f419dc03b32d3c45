// Trimming (Krohn, Thaler, Wang, arXiv:0912.1342): a jet's constituents reclustered into kT subjets of radius
// R_sub; the subjets with pT < fcut * pT_jet are dropped and the rest make the trimmed jet. Internal to
// toolkit/jets/: the same subjets, kept subjets and four-momentum (to the last bit) as
// fastjet::Filter(JetDefinition(kt_algorithm, R_sub), SelectorPtFractionMin(fcut)), on the lean kT clustering.
#pragma once

#include <vector>

#include "toolkit/jets/constituent_view.h"
#include "toolkit/jets/groom_spec.h"
#include "toolkit/jets/kt_clustering.h"

namespace jetstudy::jets {

struct TrimmedJet {
  double px = 0, py = 0, pz = 0, e = 0;  // the sum of the kept subjets, in FastJet's order
  std::vector<KtPiece> kept;             // the subjets kept, in FastJet's inclusive_jets() order
};

// jet_pt2 = px^2 + py^2 of the jet being trimmed (the reference of the pT fraction).
TrimmedJet trim(const ConstituentView& constituents, double jet_pt2, const TrimSpec& spec);

}  // namespace jetstudy::jets
