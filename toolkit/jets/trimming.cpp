#include "toolkit/jets/trimming.h"

namespace jetstudy::jets {

TrimmedJet trim(const ConstituentView& constituents, double jet_pt2, const TrimSpec& spec) {
  TrimmedJet out;
  // FastJet's SelectorPtFractionMin compares squares: pT_sub^2 >= fcut^2 pT_jet^2.
  const double threshold = spec.fcut * spec.fcut * jet_pt2;
  for (KtPiece& piece : inclusive_kt_pieces(constituents, spec.subjet_R, threshold)) {
    out.px += piece.px;
    out.py += piece.py;
    out.pz += piece.pz;
    out.e += piece.e;
    out.kept.push_back(std::move(piece));
  }
  return out;
}

}  // namespace jetstudy::jets
